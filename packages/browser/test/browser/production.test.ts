import "../support/globals";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { build as viteBuild } from "vite";
import { describe, expect, it } from "vitest";
import { bundlePage } from "../../scripts/page.mjs";
import { useBrowserRig } from "../support/rig";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const logCodes = readFileSync(join(packageRoot, "..", "..", "docs", "log-codes.md"), "utf8");

/**
 * Strings of three or more words that may stay in the production page: values, not messages.
 * Each entry says why; a new entry needs the same (or the message belongs in build/prose.mjs's
 * PROSE_CALLS / PROSE_PROPERTIES so it becomes a code).
 */
const ALLOWED = [
  // settings/validate.ts: the schema's field lists (split on spaces), not prose.
  /^s(variation|experiment|portal|attribute|goal)_/,
  /^oaudience_name /,
  // client/options.ts: the method names a pluggable part must have (split on spaces).
  /^enqueue flush close$/,
  // client/options.ts: a fallback's name in the HOOKS table, used in an option warning.
  /^the global fetch$/,
  // sync/SettingsSync.ts: a `let` assigned later, interpolated into a coded message.
  /^rejected, the last good ones stay$/,
  // visitor/visitorId.ts: the cookie attributes.
  /Max-Age=/,
];

/** The static text of every string and template literal in `code` (substitutions as `{}`). */
function strings(code: string): string[] {
  const file = ts.createSourceFile("page.js", code, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node))
      out.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join("{}"));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** The page of scripts/size.mjs, bundled for production as an application's esbuild would. */
async function productionPage(conditions?: string[]): Promise<string> {
  const result = await bundlePage(conditions ? { conditions } : {});
  return result.outputFiles[0]!.text;
}

/** Words: space-separated runs holding two letters or more. */
const words = (text: string) => text.split(/\s+/).filter((w) => /[A-Za-z]{2}/.test(w)).length;

describe("the production build", () => {
  for (const [name, conditions] of [
    ["esbuild (minify, platform browser)", undefined],
    ["the production condition (Vite, webpack)", ["production"]],
  ] as const) {
    it(`of the page carries no prose: ${name}`, async () => {
      const code = await productionPage(conditions ? [...conditions] : undefined);
      const prose = strings(code).filter(
        (s) => words(s.replace(/\{\}/g, " ")) >= 3 && !ALLOWED.some((a) => a.test(s)),
      );
      expect(prose).toEqual([]);
      expect(code).not.toContain("process.env");
      expect(code).toMatch(/PS-[0-9a-z]{4}/);
    });
  }

  it("is what `vite build` picks, through the production export condition", async () => {
    const site = mkdtempSync(join(tmpdir(), "pagesense-vite-"));
    // `vite build` as a user runs it: Vitest sets NODE_ENV to "test", which Vite would follow.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      writeFileSync(join(site, "index.html"), '<script type="module" src="./main.js"></script>');
      writeFileSync(
        join(site, "main.js"),
        'import { createClient } from "@pagesense/browser";\n' +
          'createClient({}).then((c) => c.visitor.activateExperiment("PricingTest"));\n',
      );
      const output = await viteBuild({
        root: site,
        configFile: false,
        logLevel: "silent",
        // The package directory, resolved through its package.json like an installed package.
        resolve: { alias: { "@pagesense/browser": packageRoot } },
        build: { write: false },
      });
      const result = Array.isArray(output) ? output[0] : output;
      if (!result || !("output" in result)) throw new Error("vite build gave no output");
      const code = result.output.map((f) => (f.type === "chunk" ? f.code : "")).join("\n");
      expect(code).toMatch(/PS-[0-9a-z]{4}/);
      expect(code).not.toContain("returning null");
      expect(code).not.toContain("process.env");
    } finally {
      process.env.NODE_ENV = nodeEnv;
      rmSync(site, { recursive: true, force: true });
    }
  });

  const rig = useBrowserRig();

  for (const [name, path, global] of [
    ["bundled by esbuild", "/app.production.html", "PSTest"],
    ["in a plain <script> tag (dist/pagesense.global.js)", "/script.html", "PageSense"],
  ] as const) {
    it(`creates, activates and tracks, logging codes: ${name}`, async () => {
      const errors: string[] = [];
      rig.page.on("pageerror", (e) => errors.push(e.message));
      await rig.page.goto(`${rig.site.url}${path}`);
      const result = await rig.page.evaluate(
        async ([baseUrl, global]) => {
          const lines: string[] = [];
          const client = await window[global].createClient({
            accountId: "demo-US",
            sdkKey: "sdk-demo",
            projectName: "Shop",
            baseUrl,
            logLevel: "DEBUG",
            logger: { log: (level, message) => lines.push(`${level} ${message}`) },
          });
          const variation = await client.visitor.activateExperiment("PricingTest");
          const missing = await client.visitor.activateExperiment("NoSuchTest");
          await client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
          await client.flush();
          return { variation, missing, lines, stats: client.getStats() };
        },
        [rig.server.url, global] as const,
      );
      expect(result.variation).toMatch(/^(Original|Variation 1)$/);
      expect(result.missing).toBeNull();
      expect(result.stats).toMatchObject({ eventsSent: 2, eventsDropped: 0 });
      expect(rig.server.visits).toHaveLength(1);
      expect(rig.server.goals).toHaveLength(1);
      // The unknown experiment's line: a code and its values (the reason code stays), no prose.
      const line = result.lines.find((l) => l.includes("NoSuchTest"));
      expect(line).toMatch(/^(WARNING|INFO|DEBUG) PS-[0-9a-z]{4} .*EXPERIMENT_NOT_FOUND/);
      expect(line).not.toContain("returning null");
      const code = line!.match(/PS-[0-9a-z]{4}/)![0];
      expect(logCodes).toContain(`| ${code} |`);
      expect(errors).toEqual([]);
    });
  }
});
