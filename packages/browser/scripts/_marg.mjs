import { build, transform } from "esbuild";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
const root = process.cwd();
const page = `
import { createClient } from "@pagesense/browser";
createClient({ accountId: "abcd1234-US", sdkKey: "sdk", projectName: "Shop" }).then(async (client) => {
  const variation = await client.visitor.activateExperiment("PricingTest");
  document.body.dataset.variation = variation ?? "none";
  document.querySelector("button")?.addEventListener("click", () => {
    client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
  });
});`;
const r = await build({ stdin:{contents:page,resolveDir:root,loader:"js",sourcefile:"page.js"}, alias:{"@pagesense/browser":join(root,"src/index.ts"),"@pagesense/core":join(root,"../core/src/index.ts")}, bundle:true, minifySyntax:true, minifyIdentifiers:true, format:"esm", platform:"browser", target:"es2020", write:false, logLevel:"error"});
const text = r.outputFiles[0].text;
const parts = text.split(/^(?=\/\/ )/m);
const mins = [];
for (const p of parts) {
  const name = p.split("\n")[0];
  const body = p.replace(/^\/\/ .*\n/, "");
  let m; try { m = (await transform(body, { minifyWhitespace: true, format:"esm" })).code; } catch { m = body; }
  mins.push([name, m]);
}
const gz = (s) => gzipSync(s, { level: 9 }).length;
const all = gz(mins.map((x) => x[1]).join(""));
console.log("total gz", all);
const rows = mins.map(([n], i) => [all - gz(mins.filter((_, j) => j !== i).map((x) => x[1]).join("")), mins[i][1].length, n]);
rows.sort((a, b) => b[0] - a[0]);
for (const r of rows) console.log(String(r[0]).padStart(6), String(r[1]).padStart(6), r[2]);
