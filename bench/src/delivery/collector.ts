import { fork } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CollectorCounts, CollectorMode, FromCollector, ToCollector } from "./protocol";

const here = dirname(fileURLToPath(import.meta.url));

/** The delivery bench's collector, run as its own process (see collectorProcess.ts). */
export class Collector {
  readonly url: string;
  readonly #ask: (message: ToCollector) => Promise<FromCollector>;
  readonly #stop: () => void;

  private constructor(
    url: string,
    ask: (m: ToCollector) => Promise<FromCollector>,
    stop: () => void,
  ) {
    this.url = url;
    this.#ask = ask;
    this.#stop = stop;
  }

  /** Starts a collector answering after `delayMs`. */
  static async start(delayMs: number): Promise<Collector> {
    const child = fork(resolve(here, "delivery/collectorProcess.js"), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const waiters: Array<(m: FromCollector) => void> = [];
    child.on("message", (m: FromCollector) => waiters.shift()?.(m));
    const ask = (message: ToCollector) =>
      new Promise<FromCollector>((answer) => {
        waiters.push(answer);
        child.send(message);
      });
    const started = await ask({ type: "start", delayMs });
    if (started.type !== "started") throw new Error("collector did not start");
    return new Collector(started.url, ask, () => child.kill());
  }

  async mode(mode: CollectorMode): Promise<void> {
    await this.#ask({ type: "mode", mode });
  }

  async delay(delayMs: number): Promise<void> {
    await this.#ask({ type: "delay", delayMs });
  }

  /** What it counted; `reset` starts the counts again. */
  async counts(reset = false): Promise<CollectorCounts> {
    const answer = await this.#ask({ type: "counts", reset });
    if (answer.type !== "counts") throw new Error("collector: unexpected answer");
    return answer.counts;
  }

  async stop(): Promise<void> {
    await Promise.race([this.#ask({ type: "stop" }), new Promise((r) => setTimeout(r, 2000))]);
    this.#stop();
  }
}
