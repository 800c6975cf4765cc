import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runtimePackage } from "./entries";

/** A running process serving HTTP on 127.0.0.1 (workerd, `deno serve`, Bun). */
export interface Served {
  url: string;
  /** Whatever the process wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `command args` (expected to serve on `port`) and resolves once it answers HTTP; polls at
 * most 200 times, and fails with the process's stderr if it exits first.
 */
export async function serve(
  who: string,
  command: string,
  args: string[],
  port: number,
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Served> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let exit: string | undefined;
  child.stdout.on("data", (chunk) => (stderr += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.on("exit", (code, signal) => (exit = `${code ?? signal}`));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exit === undefined) {
      // SIGKILL: `deno serve` would wait for the test's keep-alive connections on SIGTERM.
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  };
  for (let i = 0; ; i++) {
    if (exit !== undefined) throw new Error(`${who} exited (${exit}) before serving:\n${stderr}`);
    if (i === 200) {
      await stop();
      throw new Error(`${who} did not start serving:\n${stderr}`);
    }
    try {
      await fetch(`${url}/__ready`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { url, stderr: () => stderr, close: stop };
}

/** workerd's config: `worker.js` as a Worker with text bindings, outbound fetches to loopback. */
const workerdConfig = (port: number, bindings: Record<string, string>) => {
  const list = Object.entries(bindings)
    .map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`)
    .join(", ");
  return `using Workerd = import "/workerd/workerd.capnp";

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
  bindings = [${list}],
  globalOutbound = "loopback",
);
`;
};

/** Serves the bundled Worker `script` (ES module text) in workerd with text `bindings`. */
export async function startWorkerd(
  script: string,
  bindings: Record<string, string> = {},
): Promise<Served> {
  const dir = await mkdtemp(join(tmpdir(), "pagesense-workerd-"));
  const port = await freePort();
  await writeFile(join(dir, "worker.js"), script);
  await writeFile(join(dir, "config.capnp"), workerdConfig(port, bindings));
  const bin = join(runtimePackage("@cloudflare/workerd-linux-64"), "bin", "workerd");
  try {
    const served = await serve("workerd", bin, ["serve", "config.capnp"], port, { cwd: dir });
    return {
      ...served,
      close: async () => {
        await served.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
