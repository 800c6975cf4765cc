import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type EntryName, entryPath, type Format, runtimePackage } from "./entries";
import { bundle, EDGE_SCRIPT, WORKER } from "./snippets";
import { startWorkerd } from "./workerd";

/** One run of the program: an entry, its format, and the collector it talks to. */
export interface RunSpec {
  entry: EntryName;
  format: Format;
  baseUrl: string;
}

/** What the program reports (see program/conformance.mjs). */
export interface ConformanceResult {
  ready: boolean;
  decisions: string;
  /** The same decisions by a client started from `compileSettings()` (core and node entries). */
  compiled: string | undefined;
  refreshed: boolean;
  flushed: { sent: number; pending: number };
  stats: {
    eventsQueued: number;
    eventsSent: number;
    eventsDropped: number;
    eventsRetried: number;
    eventsPending: number;
    settingsFetches: number;
    settingsVersion: string | undefined;
  };
  logs: string[];
}

/** One JSON line of the program's output. */
export interface RunOutput {
  entry: EntryName;
  format: Format;
  result?: ConformanceResult;
  error?: string;
}

/** A runtime under test: its name, the entries it runs, and how to run them. */
export interface Runtime {
  name: string;
  entries: Array<[EntryName, Format]>;
  run(specs: RunSpec[]): Promise<RunOutput[]>;
}

const program = (file: string) => fileURLToPath(new URL(`../../program/${file}`, import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));

/** Every entry in both formats (runtimes with `require` and Node's built-ins). */
const ALL: Array<[EntryName, Format]> = (["core", "node", "browser"] as const).flatMap((e) =>
  (["esm", "cjs"] as const).map((f): [EntryName, Format] => [e, f]),
);
/** Entries for Workers-like runtimes: ESM bundles of core and browser. */
const EDGE: Array<[EntryName, Format]> = [
  ["core", "esm"],
  ["browser", "esm"],
];

/** A runtime process's whole run must end within this (it normally takes a few seconds). */
const RUN_TIMEOUT = 90_000;

/** Runs `command args`, resolves with its stdout; rejects naming `who` with its stderr. */
function exec(who: string, command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        timeout: RUN_TIMEOUT,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${who} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

/** Parses the program's JSON lines. */
const lines = (stdout: string): RunOutput[] =>
  stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as RunOutput);

/** The run list run.mjs takes: each spec with the file its entry loads. */
const withPaths = (specs: RunSpec[]) =>
  JSON.stringify(specs.map((s) => ({ ...s, path: entryPath(s.entry, s.format) })));

/** Node, Bun and Deno run program/run.mjs with `command ...args`. */
function scriptRuntime(
  name: string,
  command: string,
  args: string[] = [],
  entries: Array<[EntryName, Format]> = ALL,
): Runtime {
  return {
    name,
    entries,
    run: async (specs) =>
      lines(await exec(name, command, [...args, program("run.mjs"), withPaths(specs)])),
  };
}

/** Cloudflare's workerd serving the program as a Worker, one request per entry. */
function workerd(): Runtime {
  return {
    name: "workerd",
    entries: EDGE,
    async run(specs) {
      const served = await startWorkerd(await bundle(program("worker.mjs"), WORKER));
      try {
        const outputs: RunOutput[] = [];
        for (const spec of specs) {
          const query = new URLSearchParams({ entry: spec.entry, collector: spec.baseUrl });
          const response = await fetch(`${served.url}/?${query}`, {
            signal: AbortSignal.timeout(RUN_TIMEOUT),
          });
          outputs.push((await response.json()) as RunOutput);
        }
        return outputs;
      } finally {
        await served.close();
      }
    },
  };
}

/** Vercel's edge-runtime (a Node-hosted edge VM) running the program bundled as a script. */
function edgeRuntime(): Runtime {
  return {
    name: "edge-runtime",
    entries: EDGE,
    async run(specs) {
      const dir = await mkdtemp(join(tmpdir(), "pagesense-edge-"));
      try {
        const file = join(dir, "edge.js");
        await writeFile(file, await bundle(program("edge.mjs"), EDGE_SCRIPT));
        const list = JSON.stringify(specs.map(({ entry, baseUrl }) => ({ entry, baseUrl })));
        return lines(
          await exec("edge-runtime", process.execPath, [program("edge-host.mjs"), file, list]),
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Deno, with network access to 127.0.0.1 and read access to the repository only: no
 * `--allow-env`, which the CommonJS entries needed while core used ofetch (its
 * `node-fetch-native` read `FORCE_NODE_FETCH` on load). ESM and CJS entries run in two processes.
 */
function deno(): Runtime[] {
  const bin = join(runtimePackage("@deno/linux-x64-glibc"), "deno");
  const args = [
    "run",
    "--cached-only",
    "--no-prompt",
    "--allow-net=127.0.0.1",
    `--allow-read=${repoRoot}`,
  ];
  return (["esm", "cjs"] as const).map((format) =>
    scriptRuntime(
      format === "esm" ? "deno" : "deno cjs",
      bin,
      args,
      ALL.filter(([, f]) => f === format),
    ),
  );
}

/** Every runtime of the suite, Node 20 (this process's Node, the reference) first. */
export function runtimes(): Runtime[] {
  const nodeBin = (pkg: string) => join(runtimePackage(pkg), "bin", "node");
  return [
    scriptRuntime(`node ${process.versions.node}`, process.execPath),
    scriptRuntime("node 22", nodeBin("node22")),
    scriptRuntime("node 24", nodeBin("node24")),
    scriptRuntime("bun", join(runtimePackage("@oven/bun-linux-x64"), "bin", "bun"), [
      "--no-install",
    ]),
    ...deno(),
    workerd(),
    edgeRuntime(),
  ];
}
