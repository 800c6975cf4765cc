import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type EntryName, entryPath, type Format, runtimePackage } from "./entries";

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

/** Bundles `program/<file>` with its entries, as a Workers/edge bundler would. */
async function bundle(file: string, outfile: string, conditions: string[], format: "esm" | "iife") {
  await build({
    entryPoints: [program(file)],
    outfile,
    bundle: true,
    format,
    platform: "neutral",
    conditions,
    mainFields: ["module", "main"],
    logLevel: "error",
  });
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The workerd config: the bundle as a Worker, outbound fetches allowed to loopback. */
const workerdConfig = (port: number) => `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
`;

/** Waits until workerd answers on `url` (bounded: gives up after 200 tries). */
async function untilServing(url: string, exited: () => string | undefined): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const why = exited();
    if (why !== undefined) throw new Error(`workerd exited before serving: ${why}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error("workerd did not start serving");
}

/** Cloudflare's workerd serving the program as a Worker, one request per entry. */
function workerd(): Runtime {
  return {
    name: "workerd",
    entries: EDGE,
    async run(specs) {
      const dir = await mkdtemp(join(tmpdir(), "pagesense-workerd-"));
      const port = await freePort();
      await bundle("worker.mjs", join(dir, "worker.js"), ["workerd", "worker", "browser"], "esm");
      await writeFile(join(dir, "config.capnp"), workerdConfig(port));
      const bin = join(runtimePackage("@cloudflare/workerd-linux-64"), "bin", "workerd");
      const child = spawn(bin, ["serve", "config.capnp"], {
        cwd: dir,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      let exit: string | undefined;
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("exit", (code, signal) => (exit = `${code ?? signal}: ${stderr}`));
      try {
        const base = `http://127.0.0.1:${port}`;
        await untilServing(`${base}/?entry=none`, () => exit);
        const outputs: RunOutput[] = [];
        for (const spec of specs) {
          const query = new URLSearchParams({ entry: spec.entry, collector: spec.baseUrl });
          const response = await fetch(`${base}/?${query}`, {
            signal: AbortSignal.timeout(RUN_TIMEOUT),
          });
          outputs.push((await response.json()) as RunOutput);
        }
        return outputs;
      } finally {
        child.kill();
        await rm(dir, { recursive: true, force: true });
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
        await bundle("edge.mjs", file, ["edge-light", "worker", "browser"], "iife");
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
  const args = ["run", "--no-prompt", "--allow-net=127.0.0.1", `--allow-read=${repoRoot}`];
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
    scriptRuntime("bun", join(runtimePackage("@oven/bun-linux-x64"), "bin", "bun")),
    ...deno(),
    workerd(),
    edgeRuntime(),
  ];
}
