import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { codeOf, logCodesMarkdown, rewrite, SOURCE_DIRS, scan } from "../../build/prose.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

const SAMPLE = `
const warnings: string[] = [];
export function f(log: any, notifier: any, name: string, n: number) {
  log.warn(\`settings: experiment "\${name}" is defined twice; the first is used\`);
  const detail = n > 1 ? "settings not loaded yet" : "";
  notifier.report("settings", \`\${n} events dropped: \${detail}\`);
  log[n ? "error" : "warn"]("AUDIENCE_MISMATCH");
  warnings.push(\`\${name} links unknown audience\`);
  throw new ConfigurationError("createClient needs an options object");
}
`;

describe("the production prose transform (build/prose.mjs)", () => {
  it("replaces each message's prose by a code followed by its values, in strip mode", () => {
    const { text, messages } = rewrite("sample.ts", SAMPLE, "strip");
    const twice = codeOf(['settings: experiment "', '" is defined twice; the first is used']);
    expect(text).toContain(`log.warn(\`${twice} \${name}\`)`);
    expect(text).toContain(`const detail = n > 1 ? "${codeOf(["settings not loaded yet"])}" : ""`);
    expect(text).toContain(
      `notifier.report("settings", \`${codeOf(["", " events dropped: ", ""])} \${n} \${detail}\`)`,
    );
    expect(text).toContain('log[n ? "error" : "warn"]("AUDIENCE_MISMATCH")');
    expect(text).toContain(
      `new ConfigurationError("${codeOf(["createClient needs an options object"])}")`,
    );
    expect(text).not.toMatch(/defined twice|not loaded|dropped|unknown audience|options object/);
    expect(messages.map((m) => m.template)).toContain(
      'settings: experiment "{1}" is defined twice; the first is used',
    );
  });

  it("keeps both texts behind process.env.NODE_ENV in guard mode", () => {
    const { text } = rewrite("sample.ts", SAMPLE, "guard");
    const code = codeOf(["createClient needs an options object"]);
    expect(text).toContain(
      `new ConfigurationError((process.env.NODE_ENV === "production" ? "${code}" : "createClient needs an options object"))`,
    );
  });

  it("gives codes that depend on the message's static text only", () => {
    expect(codeOf(["a message ", ""])).toBe(codeOf(["a message ", ""]));
    expect(codeOf(["a message ", ""])).not.toBe(codeOf(["another message ", ""]));
    expect(codeOf(["x"])).toMatch(/^PS-[0-9a-z]{4}$/);
  });

  it("docs/log-codes.md is up to date (regenerate with `npm run log-codes` at the root)", async () => {
    const current = readFileSync(join(root, "docs", "log-codes.md"), "utf8");
    const expected = logCodesMarkdown(await scan(root, SOURCE_DIRS));
    expect(
      current === expected,
      "docs/log-codes.md is stale: run `npm run log-codes` at the repository root",
    ).toBe(true);
  });
});
