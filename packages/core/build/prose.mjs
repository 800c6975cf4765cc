// @ts-check
/**
 * Production builds without prose.
 *
 * Core's log lines and error messages are full sentences in the source and in the normal build
 * (servers, Deno, Bun, workerd, unbundled use). For the build a browser bundler picks in production
 * (see "Production builds" in docs/production-builds.md), this module rewrites, at build time, the
 * prose of each message into a short stable code followed by the interpolated values:
 *
 *   log.warn(`settings: running experiment "${name}" has a new traffic layout; ...`)
 *   → log.warn(`PS-3k9f ${name}`)
 *
 * The code is a hash of the message's static text only, so it does not change when other messages
 * are added or moved; `docs/log-codes.md` (written by `pnpm log-codes` from this module) maps each
 * code back to its message and file. Values (experiment names, reason codes such as
 * `AUDIENCE_MISMATCH`, HTTP statuses) stay as they are.
 *
 * Which arguments are prose is decided by {@link PROSE_CALLS}, one table: a call (or `new`) whose
 * callee's name is listed has each argument that is a string or template literal with words in it
 * rewritten (one-word strings such as `"settings"` or `"ERROR"` are values and stay). An argument
 * that is a `const` declared in an enclosing scope is followed to its initializer; conditionals,
 * `??`/`||` and `+` are followed into their branches. Anything else (a parameter, a call result) is
 * left as it is and listed by {@link scan} under `untransformed`, so nothing is skipped silently.
 *
 * Modes: `"strip"` replaces the prose (the `production` condition build); `"guard"` keeps both,
 * `(process.env.NODE_ENV === "production" ? code : prose)`, for the build only bundlers resolve
 * (`browser` condition), which they reduce to one side: a bare `process` must never reach a
 * runtime that loads files unbundled.
 */
import ts from "typescript";

/**
 * The calls that carry prose, by callee name (`log.warn(...)`, `warn(...)` and
 * `log["warn"](...)` all match `warn`). `new: true` rows match `new Name(...)` only.
 * `receiver` restricts a method name to receivers whose name matches it. Every argument with
 * words in it is rewritten, so a listed function must use such arguments only in messages (no
 * message is compared or parsed anywhere in the SDK; keep it so).
 */
export const PROSE_CALLS = [
  {
    names: ["fatal", "error", "warn", "info", "debug", "trace"],
    what: "log sink methods (LogSink)",
  },
  { names: ["report"], what: "notifier.report(source, message, extra)" },
  { names: ["recordError"], what: "recordError(stats, message): the last error in getStats()" },
  {
    names: ["fail", "expected", "parseJson", "take"],
    what: "message-building helpers (options, settings)",
  },
  {
    names: ["refuse", "invalid"],
    what: "refusals of bad input: refuse(level, problem), #refuse(call, problem), invalid(detail)",
  },
  { names: ["drop", "handOff"], what: "event-sink helpers taking a reason" },
  {
    names: ["push", "add"],
    receiver: /warnings$|problems$/i,
    what: "warnings.push(message), warnings.add(message), problems.push(message): logged later",
  },
  { names: ["log[]"], what: "log[level](message): a log method chosen at run time" },
  {
    names: ["ConfigurationError", "SettingsError", "Error", "TypeError", "RangeError"],
    new: true,
    what: "error constructors",
  },
];

/**
 * Functions that build a message (`startLine(...)`, `httpProblem(status)`): every prose literal in
 * their body is rewritten.
 */
export const PROSE_FUNCTIONS = ["startLine", "httpProblem"];

/**
 * Object properties that carry prose (`{ reason: "NOT_READY", detail: "client closed" }`): their
 * value is rewritten when it is a prose literal.
 */
export const PROSE_PROPERTIES = ["detail", "message", "problem", "why"];

/** The prefix of every code. */
export const CODE_PREFIX = "PS-";

/** Whether a literal's static text is prose: a word followed by more text after a space. */
export const isProse = (text) =>
  /[A-Za-z]{2,}[^\s]*\s+\S/.test(text) || /\S\s+[A-Za-z]{2,}/.test(text);

/** The stable code of a message template (FNV-1a of its static parts, base 36, 4 characters). */
export function codeOf(parts) {
  let hash = 0x811c9dc5;
  const text = parts.join("\u0000");
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return CODE_PREFIX + (hash % 36 ** 4).toString(36).padStart(4, "0");
}

/** The name a call's callee is known by (`a.b.warn` → warn, `log[x ? "error" : "warn"]` → warn). */
function calleeNames(expression) {
  if (ts.isIdentifier(expression)) return [expression.text];
  // `this.#refuse(...)` matches `refuse`: a private method is named without its `#`.
  if (ts.isPropertyAccessExpression(expression)) return [expression.name.text.replace(/^#/, "")];
  if (ts.isElementAccessExpression(expression)) {
    const names = literalValues(expression.argumentExpression);
    return names.length ? names : [`${receiverName(expression)}[]`];
  }
  return [];
}

/** The string values an expression can take when it is made only of literals and conditionals. */
function literalValues(node) {
  if (ts.isStringLiteralLike(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literalValues(node.expression);
  if (ts.isConditionalExpression(node))
    return [...literalValues(node.whenTrue), ...literalValues(node.whenFalse)];
  return [];
}

/** The receiver's name of a method call (`this.warnings.push` → warnings). */
function receiverName(expression) {
  if (!ts.isPropertyAccessExpression(expression) && !ts.isElementAccessExpression(expression))
    return "";
  const target = expression.expression;
  if (ts.isIdentifier(target)) return target.text;
  if (ts.isPropertyAccessExpression(target)) return target.name.text;
  return "";
}

/** The row of {@link PROSE_CALLS} matching a call or `new` expression, if any. */
function matchCall(node) {
  const isNew = ts.isNewExpression(node);
  if (!isNew && !ts.isCallExpression(node)) return undefined;
  const names = calleeNames(node.expression);
  return PROSE_CALLS.find(
    (row) =>
      !!row.new === isNew &&
      names.some((n) => row.names.includes(n)) &&
      (!row.receiver || row.receiver.test(receiverName(node.expression))),
  );
}

/**
 * Rewrites one source file. Returns the new text (unchanged when nothing matched), the messages
 * rewritten (code, template, line) and the prose-call arguments left as they are.
 * @param {string} fileName
 * @param {string} text
 * @param {"strip" | "guard"} mode
 */
export function rewrite(fileName, text, mode) {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  /** @type {{ code: string; template: string; line: number }[]} */
  const messages = [];
  /** @type {{ line: number; call: string; argument: string }[]} */
  const untransformed = [];
  /** @type {{ start: number; end: number; text: string }[]} */
  const edits = [];
  const done = new Set();
  const lineOf = (node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;

  /** The production text of a prose expression, or undefined when it has no prose literal. */
  const shorten = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!isProse(node.text)) return undefined;
      const code = codeOf([node.text]);
      messages.push({ code, template: node.text, line: lineOf(node) });
      return JSON.stringify(code);
    }
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      const inner = node.templateSpans.map((s) => shorten(s.expression));
      const values = inner.map((v, i) => v ?? node.templateSpans[i].expression.getText(file));
      if (!isProse(parts.join(" "))) {
        if (inner.every((x) => x === undefined)) return undefined;
        // Each literal's raw text without its delimiters (`` `...${ ``, `}...${`, `` }...` ``).
        const raw = (literal, end) => literal.getText(file).slice(1, -end);
        let out = `\`${raw(node.head, 2)}`;
        node.templateSpans.forEach((s, i) => {
          out += `\${${values[i]}}${raw(s.literal, ts.isTemplateTail(s.literal) ? 1 : 2)}`;
        });
        return `${out}\``;
      }
      const code = codeOf(parts);
      const template = parts.reduce((t, p, i) => `${t}{${i}}${p}`);
      messages.push({ code, template, line: lineOf(node) });
      return `\`${code}${values.map((v) => ` \${${v}}`).join("")}\``;
    }
    if (ts.isIdentifier(node)) {
      // A local `const` holding a message: rewrite its initializer where it is declared.
      const initializer = constInitializer(node);
      if (initializer) replace(initializer);
      return undefined;
    }
    if (ts.isParenthesizedExpression(node)) {
      const inner = shorten(node.expression);
      return inner === undefined ? undefined : `(${inner})`;
    }
    if (ts.isConditionalExpression(node)) {
      const a = shorten(node.whenTrue);
      const b = shorten(node.whenFalse);
      if (a === undefined && b === undefined) return undefined;
      return `${node.condition.getText(file)} ? ${a ?? node.whenTrue.getText(file)} : ${b ?? node.whenFalse.getText(file)}`;
    }
    if (ts.isBinaryExpression(node) && isJoining(node.operatorToken.kind)) {
      const a = shorten(node.left);
      const b = shorten(node.right);
      if (a === undefined && b === undefined) return undefined;
      return `${a ?? node.left.getText(file)} ${node.operatorToken.getText(file)} ${b ?? node.right.getText(file)}`;
    }
    return undefined;
  };

  /** Replaces `node` (a prose expression) by its production form; false when it has no prose. */
  const replace = (node) => {
    if (done.has(node)) return true;
    const short = shorten(node);
    if (short === undefined) return false;
    done.add(node);
    const original = node.getText(file);
    edits.push({
      start: node.getStart(file),
      end: node.end,
      // The guard is resolved by the application's bundler (it defines process.env.NODE_ENV);
      // this build is reachable only through the `browser` export condition.
      text:
        mode === "strip"
          ? short
          : `(process.env.NODE_ENV === "production" ? ${short} : ${original})`,
    });
    return true;
  };

  /** Prose positions: the arguments of {@link PROSE_CALLS}, {@link PROSE_PROPERTIES}' values. */
  const visit = (node) => {
    if (
      (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) &&
      node.name &&
      PROSE_FUNCTIONS.includes(node.name.getText(file)) &&
      node.body
    ) {
      visitProseBody(node.body);
      return;
    }
    const row = matchCall(node);
    if (row) {
      for (const arg of node.arguments ?? []) {
        if (replace(arg)) continue;
        if (!ts.isIdentifier(arg) || !constInitializer(arg)) untransformedArgument(node, arg);
        visit(arg);
      }
      visit(node.expression);
      return;
    }
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      PROSE_PROPERTIES.includes(node.name.text) &&
      replace(node.initializer)
    )
      return;
    if (ts.isShorthandPropertyAssignment(node) && PROSE_PROPERTIES.includes(node.name.text)) {
      const initializer = constInitializer(node.name);
      if (initializer) replace(initializer);
    }
    ts.forEachChild(node, visit);
  };
  /** In a {@link PROSE_FUNCTIONS} body: every prose literal is a message part. */
  const visitProseBody = (node) => {
    const literal =
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node);
    if (literal && replace(node)) return;
    ts.forEachChild(node, visitProseBody);
  };
  /** Lists an argument left as it is, unless it is plainly a value (not a message). */
  const untransformedArgument = (call, arg) => {
    const text = arg.getText(file);
    if (
      /^["'`]|^[\d.]+$/.test(text) ||
      !/message|msg|problem|reason|detail|what|why|^m$|^w$/i.test(text)
    )
      return;
    untransformed.push({ line: lineOf(arg), call: call.expression.getText(file), argument: text });
  };
  visit(file);

  // An edit inside another (a const initializer declared inside a rewritten argument) is
  // dropped: the outer rewrite already covers its text. The rest apply from the end.
  const kept = [];
  for (const e of edits.sort((x, y) => x.start - y.start || y.end - x.end))
    if (!kept.length || e.start >= kept[kept.length - 1].end) kept.push(e);
  let out = text;
  for (const e of kept.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, messages, untransformed };
}

/** `??`, `||`, `+`: operators through which a prose literal can become the message. */
const isJoining = (kind) =>
  kind === ts.SyntaxKind.QuestionQuestionToken ||
  kind === ts.SyntaxKind.BarBarToken ||
  kind === ts.SyntaxKind.PlusToken;

/** The initializer of the `const` named by `id`, declared before it in an enclosing block. */
function constInitializer(id) {
  for (let scope = id.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const statement of scope.statements) {
      if (statement.pos > id.pos || !ts.isVariableStatement(statement)) continue;
      const list = statement.declarationList;
      if (!(list.flags & ts.NodeFlags.Const)) continue;
      for (const d of list.declarations)
        if (ts.isIdentifier(d.name) && d.name.text === id.text && d.initializer)
          return d.initializer;
    }
  }
  return undefined;
}

/**
 * An esbuild plugin (for tsup's `esbuildPlugins`) applying {@link rewrite} to every TypeScript
 * source file the build loads (a package's `src/`; dependencies come in built).
 * @param {"strip" | "guard"} mode
 */
export function prosePlugin(mode) {
  return {
    name: `pagesense-prose-${mode}`,
    /** @param {import("esbuild").PluginBuild} build */
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const { readFile } = await import("node:fs/promises");
        const source = await readFile(args.path, "utf8");
        return { contents: rewrite(args.path, source, mode).text, loader: "ts" };
      });
    },
  };
}

/**
 * Every message of the files under `dir` (paths relative to `root`): what `docs/log-codes.md`
 * lists. Throws when two different templates share a code.
 * @param {string} root
 * @param {string[]} dirs
 */
export async function scan(root, dirs) {
  const { readFile, readdir } = await import("node:fs/promises");
  const { join, relative } = await import("node:path");
  /** @type {Map<string, { template: string; places: string[] }>} */
  const codes = new Map();
  /** @type {{ place: string; call: string; argument: string }[]} */
  const untransformed = [];
  for (const dir of dirs) {
    const files = (await readdir(join(root, dir), { recursive: true }))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
      .sort();
    for (const f of files) {
      const path = join(root, dir, f);
      const name = relative(root, path).split("\\").join("/");
      const result = rewrite(path, await readFile(path, "utf8"), "strip");
      for (const m of result.messages) {
        const entry = codes.get(m.code) ?? { template: m.template, places: [] };
        if (entry.template !== m.template)
          throw new Error(
            `code ${m.code} for two messages: "${entry.template}" and "${m.template}"`,
          );
        // Files only, not lines: the table must not go stale when unrelated lines move.
        if (!entry.places.includes(name)) entry.places.push(name);
        codes.set(m.code, entry);
      }
      for (const u of result.untransformed)
        untransformed.push({ place: name, call: u.call, argument: u.argument });
    }
  }
  return { codes, untransformed };
}

/** The text of `docs/log-codes.md` for {@link scan}'s result. */
export function logCodesMarkdown({ codes, untransformed }) {
  const cell = (s) => s.replace(/\|/g, "\\|").replace(/`/g, "'");
  const rows = [...codes].sort(([a], [b]) => a.localeCompare(b));
  return [
    "# Log and error codes",
    "",
    "<!-- Generated by `pnpm log-codes` (packages/core/build/prose.mjs); do not edit. -->",
    "",
    "A production browser build (see [Production builds](production-builds.md)) writes log lines",
    "and error messages as a code followed by the message's values, separated by spaces:",
    "`[PageSense] WARNING PS-xxxx Banner`. Find the code below; `{1}`, `{2}`, ... are the values in",
    "order. Development builds, servers and every other runtime write the full message.",
    "",
    "| code | message | source |",
    "|---|---|---|",
    ...rows.map(([code, e]) => `| ${code} | ${cell(e.template)} | ${e.places.join(", ")} |`),
    "",
    "## Messages left as they are",
    "",
    "Arguments of prose calls that are not a literal or a local `const` (a parameter, a call",
    "result): their text is built elsewhere and passes through unchanged (or already coded).",
    "",
    "| source | call | argument |",
    "|---|---|---|",
    ...untransformed.map((u) => `| ${u.place} | ${cell(u.call)} | ${cell(u.argument)} |`),
    "",
  ].join("\n");
}

/** The sources the codes are taken from (relative to the repository root). */
export const SOURCE_DIRS = ["packages/core/src", "packages/browser/src"];
