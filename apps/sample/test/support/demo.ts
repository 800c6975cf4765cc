import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LogLevel } from "@pagesense/node";
import { type DemoOptions, type RunningDemo, startDemo } from "../../src/index";

/** A demo on free ports with its own temporary data directory, quiet, its client log kept. */
export interface TestDemo extends RunningDemo {
  dataDir: string;
  clientLog: { level: LogLevel; message: string }[];
  /** Closes the demo and deletes its data directory. */
  dispose(): Promise<void>;
}

/** Starts the demo for a test (ephemeral ports, temporary data directory, no log output). */
export async function startTestDemo(options: DemoOptions = {}): Promise<TestDemo> {
  const dataDir = await mkdtemp(join(tmpdir(), "pagesense-sample-"));
  const clientLog: TestDemo["clientLog"] = [];
  const demo = await startDemo({
    shopPort: 0,
    serverPort: 0,
    dataDir,
    serverLogLevel: "silent",
    clientLogger: { log: (level, message) => clientLog.push({ level, message }) },
    ...options,
  });
  return {
    ...demo,
    dataDir,
    clientLog,
    async dispose() {
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A cookie jar of one: the visitor cookie the shop sets, sent back on later requests. */
export class Visitor {
  cookie: string | undefined;

  constructor(private readonly shopUrl: string) {}

  /** A request to the shop (no redirects followed), remembering the cookie it sets. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    const res = await fetch(new URL(path, this.shopUrl), { ...init, headers, redirect: "manual" });
    const set = res.headers.getSetCookie().find((c) => c.startsWith("pagesense_uid="));
    if (set) this.cookie = set.split(";")[0];
    return res;
  }

  /** Buys a plan through the form's POST. */
  buy(plan: string): Promise<Response> {
    return this.request("/buy", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ plan }).toString(),
    });
  }
}

/** The JSON the pricing page embeds for the browser SDK. */
export function bootstrapOf(page: string): {
  settings: unknown;
  userId: string;
  baseUrl: string;
  experiment: string;
  signupGoal: string;
} {
  const match = /<script type="application\/json" id="pagesense-bootstrap">([^<]*)<\/script>/.exec(
    page,
  );
  if (!match) throw new Error("the page has no #pagesense-bootstrap element");
  return JSON.parse(match[1]!);
}

/** `data-<name>` of the page's `<body>`. */
export function bodyData(page: string, name: string): string | undefined {
  const body = /<body([^>]*)>/.exec(page)?.[1] ?? "";
  return new RegExp(`data-${name}="([^"]*)"`).exec(body)?.[1];
}
