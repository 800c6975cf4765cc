import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { Redis } from "ioredis";

/** The redis-server binary: `REDIS_SERVER_PATH`, else the first on PATH, else /usr/bin. */
export function redisServerPath(): string {
  const fromEnv = process.env.REDIS_SERVER_PATH;
  if (fromEnv) return fromEnv;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "redis-server");
    if (dir && existsSync(candidate)) return candidate;
  }
  return "/usr/bin/redis-server";
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A real redis-server on 127.0.0.1, on a free port, in a temporary folder, without persistence
 * (no RDB, no AOF). `stop()` kills it (data gone), `start()` starts it again on the same port,
 * `pause()`/`resume()` freeze it (SIGSTOP/SIGCONT: connections stay open, replies stop).
 */
export class RedisServer {
  readonly port: number;
  readonly #dir: string;
  readonly #cluster: boolean;
  #process: ChildProcess | undefined;

  private constructor(port: number, dir: string, cluster: boolean) {
    this.port = port;
    this.#dir = dir;
    this.#cluster = cluster;
  }

  /**
   * Starts a server. `cluster`: a one-node Redis Cluster holding every slot (it refuses
   * commands whose keys are in different slots, as a real cluster does).
   */
  static async start({ cluster = false } = {}): Promise<RedisServer> {
    const dir = await mkdtemp(join(tmpdir(), "pagesense-redis-"));
    const server = new RedisServer(await freePort(), dir, cluster);
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server and resolves once it answers PING (bounded: 100 tries). */
  async start(): Promise<void> {
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", ""];
    args.push("--appendonly", "no", "--dir", this.#dir, "--logfile", "");
    if (this.#cluster)
      args.push(
        "--cluster-enabled",
        "yes",
        "--cluster-config-file",
        "nodes.conf",
        "--cluster-announce-ip",
        "127.0.0.1",
      );
    const binary = redisServerPath();
    if (!existsSync(binary))
      throw new Error(
        `redis-server not found at ${binary}: install it (apt-get install redis-server) or set REDIS_SERVER_PATH`,
      );
    const child = spawn(binary, args, { stdio: "ignore" });
    this.#process = child;
    const probe = new Redis(this.port, "127.0.0.1", {
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    probe.on("error", () => {});
    try {
      for (let i = 0; i < 100; i++) {
        if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
        try {
          await probe.connect();
          if ((await probe.ping()) === "PONG") return await this.#clusterReady(probe);
        } catch {
          probe.disconnect();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      throw new Error(`redis-server did not answer on port ${this.port}`);
    } finally {
      probe.disconnect();
    }
  }

  /** In cluster mode: gives the node every slot and waits (bounded) until the cluster is ok. */
  async #clusterReady(probe: Redis): Promise<void> {
    if (!this.#cluster) return;
    await probe.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
    for (let i = 0; i < 100; i++) {
      const info = String(await probe.call("CLUSTER", "INFO"));
      if (info.includes("cluster_state:ok")) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the one-node cluster did not reach cluster_state:ok");
  }

  /** Kills redis-server (its data is gone) and resolves when it has exited. */
  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGCONT");
    child.kill("SIGKILL");
    await exited;
  }

  /** Freezes redis-server: it keeps its connections and data but answers nothing. */
  pause(): void {
    this.#process?.kill("SIGSTOP");
  }

  /** Lets a paused redis-server answer again. */
  resume(): void {
    this.#process?.kill("SIGCONT");
  }

  /** A new connection to this server (for inspecting keys); the caller disconnects it. */
  connect(): Redis {
    return new Redis(this.port, "127.0.0.1");
  }

  /** Stops the server and removes its folder. */
  async close(): Promise<void> {
    await this.stop();
    await rm(this.#dir, { recursive: true, force: true });
  }
}
