import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { waitFor } from "@pagesense/testing";
import { EdgeRuntime } from "edge-runtime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Collector, SETTINGS, startCollector } from "./support/collector";
import { runtimePackage } from "./support/entries";
import {
  type BundleTarget,
  bundle,
  bundleFiles,
  EDGE_SCRIPT,
  guideExamples,
  pointedAt,
  WORKER,
} from "./support/snippets";
import { freePort, type Served, serve, startWorkerd } from "./support/workerd";

const examples = guideExamples();
const example = (name: string) => {
  const code = examples.get(name);
  if (code === undefined) throw new Error(`docs/serverless.md has no example "${name}"`);
  return code;
};
const program = (file: string) => fileURLToPath(new URL(`../program/${file}`, import.meta.url));
const run = promisify(execFile);

let collector: Collector;
beforeAll(async () => {
  collector = await startCollector({ failFirstEvent: false });
});
beforeEach(() => collector.server.reset());
afterAll(() => collector.close());

/** The user ids of the visits the collector accepted. */
const visitors = () => collector.server.visits.map((v) => v.userId);
const VARIATION = /^(Original|Variation 1)$/;

describe("docs/serverless.md: worker.ts in workerd (a client per request, KV, waitUntil)", () => {
  let worker: Served;
  beforeAll(async () => {
    // The Worker of the guide behind a stand-in for KV (a text binding) and its secret.
    const entry = `import worker from "./snippet.ts";
export default {
  fetch(request, env, ctx) {
    const settings = request.headers.get("x-kv") === "empty" ? null : env.SETTINGS;
    const kv = { get: async (key) => (key === "settings" ? settings : null) };
    return worker.fetch(request, { PAGESENSE_SDK_KEY: env.SDK_KEY, PAGESENSE_KV: kv }, ctx);
  },
};`;
    const script = await bundleFiles(
      { "entry.mjs": entry, "snippet.ts": pointedAt(example("worker.ts"), collector.url) },
      WORKER,
    );
    worker = await startWorkerd(script, { SETTINGS, SDK_KEY: "sdk-demo" });
  }, 60_000);
  afterAll(() => worker?.close());

  it("answers at once and delivers the visit after the response, through ctx.waitUntil", async () => {
    const response = await fetch(worker.url, { headers: { "x-user-id": "user-0" } });
    expect(await response.text()).toMatch(/^PricingTest: (Original|Variation 1)$/);
    await collector.server.waitFor(() => visitors().includes("user-0"));
    // The settings came from KV: nothing was fetched.
    expect(collector.server.settingsRequests).toHaveLength(0);
  });

  it("fetches the settings itself when KV has none", async () => {
    const response = await fetch(worker.url, {
      headers: { "x-user-id": "user-3", "x-kv": "empty" },
    });
    expect(await response.text()).toMatch(/^PricingTest: (Original|Variation 1)$/);
    await collector.server.waitFor(() => visitors().includes("user-3"));
    expect(collector.server.settingsRequests.map((r) => r.status)).toEqual([200]);
  });
});

describe("docs/serverless.md: worker-isolate.ts in workerd (module scope, bundled settings)", () => {
  it("decides with the bundled settings and delivers each request's visit", async () => {
    const code = `const bundledSettings = ${JSON.stringify(SETTINGS)};\n${example("worker-isolate.ts")}`;
    const worker = await startWorkerd(
      await bundleFiles({ "snippet.ts": pointedAt(code, collector.url) }, WORKER),
    );
    try {
      collector.server.reset(); // the readiness probe's visit
      for (const user of ["user-0", "user-6"]) {
        const response = await fetch(worker.url, { headers: { "x-user-id": user } });
        expect(await response.text()).toMatch(/^PricingTest: (Original|Variation 1)$/);
      }
      await collector.server.waitFor(() =>
        ["user-0", "user-6"].every((u) => visitors().includes(u)),
      );
      expect(collector.server.settingsRequests).toHaveLength(0);
    } finally {
      await worker.close();
    }
  }, 60_000);
});

describe("workerd lifecycle: module scope, cancelled timers, waitUntil from cloudflare:workers", () => {
  let worker: Served;
  beforeAll(async () => {
    const target: BundleTarget = {
      ...WORKER,
      define: { __COLLECTOR__: JSON.stringify(collector.url) },
    };
    const script = await bundle(program("lifecycle-worker.mjs"), target);
    worker = await startWorkerd(script);
  }, 60_000);
  afterAll(() => worker?.close());

  const get = async <T>(path: string) => (await (await fetch(worker.url + path)).json()) as T;

  /** A kept client's counters once nothing is pending (the collector records a visit before the client reads its answer). */
  const settledStats = async (client: string) => {
    let stats: Record<string, number> = {};
    await waitFor(async () => {
      ({ stats } = await get<{ stats: Record<string, number> }>(`/${client}/stats`));
      return stats.eventsPending === 0;
    });
    return stats;
  };

  it("createClient at module scope resolves, fetches nothing there, and loads at first use", async () => {
    const body = await get<{
      created: string;
      readyBefore: boolean;
      ready: boolean;
      variation: string | null;
      logs: string[];
    }>("/module");
    expect(body.created).toBe("resolved");
    expect(body.logs.some((l) => l.includes("settings fetch deferred"))).toBe(true);
    expect(body.readyBefore).toBe(false);
    expect(body.ready).toBe(true);
    expect(body.variation).toMatch(VARIATION);
    await collector.server.waitFor(() => visitors().includes("module-user"));
    expect(body.logs.filter((l) => /^(ERROR|FATAL)/.test(l))).toEqual([]);
  });

  it("a client kept across requests sends what a cancelled batch timer left, and keeps polling", async () => {
    expect((await get<{ variation: string }>("/kept/visit?user=kept-1")).variation).toMatch(
      VARIATION,
    );
    const fetchesAfterFirst = collector.server.settingsRequests.length;
    // Past flushInterval (20 ms), and past pollingInterval (100 ms) by more than the 1 s grace
    // after which core takes a poll for cancelled: both timers of the first request were due
    // while no request ran.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await get("/kept/visit?user=kept-2&linger=300");
    await collector.server.waitFor(() => ["kept-1", "kept-2"].every((u) => visitors().includes(u)));
    await collector.server.waitFor((s) => s.settingsRequests.length > fetchesAfterFirst);
    expect(await settledStats("kept")).toMatchObject({ eventsSent: 2, eventsDropped: 0 });
  }, 30_000);

  it("a client kept across requests with cloudflare:workers' waitUntil delivers after each response", async () => {
    for (const user of ["wu-1", "wu-2"]) {
      expect((await get<{ variation: string }>(`/kept-wu/visit?user=${user}`)).variation).toMatch(
        VARIATION,
      );
      await collector.server.waitFor(() => visitors().includes(user));
    }
    expect(await settledStats("kept-wu")).toMatchObject({ eventsSent: 2, eventsDropped: 0 });
  });
});

describe("docs/serverless.md: middleware.ts in Vercel's edge-runtime", () => {
  it("keeps one client per isolate and delivers each request's visit through context.waitUntil", async () => {
    const script = await bundleFiles(
      { "snippet.ts": pointedAt(example("middleware.ts"), collector.url) },
      { ...EDGE_SCRIPT, globalName: "middleware" },
    );
    const runtime = new EdgeRuntime({
      initialCode: script,
      extend: (context) =>
        Object.assign(context, { process: { env: { PAGESENSE_SDK_KEY: "sdk-demo" } } }),
    });
    /** Calls the middleware as Vercel does; resolves once what it handed to waitUntil settled. */
    const call = async (user: string) => {
      const handedOff: Promise<unknown>[] = [];
      runtime.context.handedOff = handedOff;
      const text = (await runtime.evaluate(`
        middleware
          .default(new Request("https://shop.example/", { headers: { "x-user-id": "${user}" } }), {
            waitUntil: (promise) => globalThis.handedOff.push(promise),
          })
          .then((response) => response.text())`)) as string;
      await Promise.all(handedOff);
      return JSON.parse(text) as { variation: string | null };
    };
    for (const user of ["user-0", "user-6"]) {
      expect((await call(user)).variation).toMatch(VARIATION);
      // Delivered once the promise handed to waitUntil settled: nothing to wait for.
      expect(visitors()).toContain(user);
    }
    expect(collector.server.settingsRequests).toHaveLength(1);
  }, 60_000);
});

describe("docs/serverless.md: handler.ts on AWS Lambda's Node.js (20, 22, 24)", () => {
  const nodes = {
    [`node ${process.versions.node}`]: process.execPath,
    "node 22": join(runtimePackage("node22"), "bin", "node"),
    "node 24": join(runtimePackage("node24"), "bin", "node"),
  };
  const settingsFile = "/tmp/pagesense-settings.json";
  afterAll(() => rmSync(settingsFile, { force: true }));

  it.each(Object.entries(nodes))(
    "%s: the handler's events are delivered before it returns",
    async (_, node) => {
      rmSync(settingsFile, { force: true });
      const dir = await mkdtemp(join(tmpdir(), "pagesense-lambda-"));
      try {
        const bundle = join(dir, "handler.mjs");
        const target: BundleTarget = { platform: "node", conditions: ["node"], format: "esm" };
        await writeFile(
          bundle,
          await bundleFiles(
            { "snippet.ts": pointedAt(example("handler.ts"), collector.url) },
            target,
          ),
        );
        const { stdout } = await run(
          node,
          [program("lambda-host.mjs"), bundle, '{"userId":"user-0"}'],
          {
            env: { ...process.env, PAGESENSE_SDK_KEY: "sdk-demo" },
            timeout: 60_000,
          },
        );
        const result = JSON.parse(stdout.trim().split("\n").pop()!) as {
          statusCode: number;
          body: string;
        };
        expect(result.statusCode).toBe(200);
        expect((JSON.parse(result.body) as { variation: string }).variation).toMatch(VARIATION);
        expect(visitors()).toEqual(["user-0"]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe("docs/serverless.md: server.ts on Deno (deno serve) and Bun", () => {
  const servers = {
    deno: (file: string, port: number) =>
      serve(
        "deno",
        join(runtimePackage("@deno/linux-x64-glibc"), "deno"),
        [
          "serve",
          "--cached-only",
          "--port",
          String(port),
          "--allow-net=127.0.0.1",
          "--allow-env=PAGESENSE_SDK_KEY",
          file,
        ],
        port,
        { env: { PAGESENSE_SDK_KEY: "sdk-demo", DENO_NO_UPDATE_CHECK: "1" } },
      ),
    bun: (file: string, port: number) =>
      serve(
        "bun",
        join(runtimePackage("@oven/bun-linux-x64"), "bin", "bun"),
        ["--no-install", "run", file],
        port,
        {
          env: { PAGESENSE_SDK_KEY: "sdk-demo", PORT: String(port) },
        },
      ),
  };

  it.each(Object.keys(servers) as Array<keyof typeof servers>)(
    "%s: a module-scope client decides and its batch timer delivers the visit",
    async (name) => {
      const dir = await mkdtemp(join(tmpdir(), "pagesense-server-"));
      const file = join(dir, "server.mjs");
      await writeFile(
        file,
        await bundleFiles({ "snippet.ts": pointedAt(example("server.ts"), collector.url) }, WORKER),
      );
      const server = await servers[name](file, await freePort());
      try {
        const body = (await (await fetch(`${server.url}/?user=user-0`)).json()) as {
          variation: string;
        };
        expect(body.variation).toMatch(VARIATION);
        await collector.server.waitFor(() => visitors().includes("user-0"));
      } finally {
        await server.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe("waitUntil on Node (Vercel's Node.js functions: waitUntil from @vercel/functions)", () => {
  it("hands each request's batch to waitUntil as it is queued; settled, the events are delivered", async () => {
    const { createClient } = await import("@pagesense/node");
    const handedOff: Promise<unknown>[] = [];
    const client = await createClient({
      accountId: "demo-US",
      sdkKey: "sdk-demo",
      projectName: "Shop",
      baseUrl: collector.url,
      settings: SETTINGS,
      pollingInterval: 0,
      flushInterval: 50,
      handleSignals: false,
      logLevel: "OFF",
      waitUntil: (promise) => handedOff.push(promise),
    });
    try {
      expect(
        await client.activateExperiment("PricingTest", "user-0", { Browser: "Chrome" }),
      ).toMatch(VARIATION);
      // Handed over as soon as the event is queued; it settles once the batch (sent after
      // flushInterval) was delivered.
      expect(handedOff.length).toBe(1);
      await Promise.all(handedOff);
      expect(visitors()).toEqual(["user-0"]);
      expect(client.getStats()).toMatchObject({ eventsSent: 1, eventsPending: 0 });
    } finally {
      await client.close();
    }
  });
});
