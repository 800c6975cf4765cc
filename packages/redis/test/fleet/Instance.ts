import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./worker.mjs", import.meta.url));

/** One app instance of the fleet: a Node child process running worker.mjs, driven over IPC. */
export class Instance {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  #next = 0;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on("message", (message: { id?: number; result?: unknown; error?: string }) => {
      const waiter = message.id === undefined ? undefined : this.#waiting.get(message.id);
      if (!waiter) return;
      this.#waiting.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
    child.on("exit", (code) => {
      for (const waiter of this.#waiting.values())
        waiter.reject(new Error(`instance exited (${code})`));
      this.#waiting.clear();
    });
  }

  /** Starts an instance and resolves once its client is created. */
  static start(baseUrl: string, redisUrl: string): Promise<Instance> {
    const child = fork(WORKER, [baseUrl, redisUrl], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    return new Promise((resolve, reject) => {
      child.once("exit", (code) =>
        reject(new Error(`instance exited before it was ready (${code})`)),
      );
      child.once("message", () => resolve(new Instance(child)));
    });
  }

  /** Runs an operation of worker.mjs and resolves with its result. */
  call<T>(op: string, args: object = {}): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#child.send({ id, op, ...args });
    });
  }

  /** Closes the client and storage, and waits for the process to exit. */
  async close(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once("exit", resolve));
    await this.call("close").catch(() => this.#child.kill());
    await exited;
  }
}
