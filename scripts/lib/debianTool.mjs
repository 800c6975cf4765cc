// Finds a program the tests need (a browser, redis-server) before anything is installed; only when
// it is nowhere does it install the Debian package, saying so in one line, with apt's output in a
// log file and without upgrading what is already installed.
import { spawnSync } from "node:child_process";
import { accessSync, appendFileSync, constants, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** The absolute path of `command` on PATH, or undefined. */
export function onPath(command) {
  const r = spawnSync("sh", ["-c", 'command -v "$1"', "sh", command], { encoding: "utf8" });
  const found = r.status === 0 ? r.stdout.trim() : "";
  return found.startsWith("/") ? found : undefined;
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The path of a tool: `process.env[envVar]` when set (it must be executable), else the first of
 * `commands` on PATH, else installs `aptPackage` with apt-get (root only) and looks again. The
 * result is stored in `process.env[envVar]` for the tests. Exits with a clear message when the
 * tool cannot be had.
 *
 * @param {{ envVar: string, commands: string[], aptPackage: string, why: string, log: string }} tool
 */
export function ensureDebianTool({ envVar, commands, aptPackage, why, log }) {
  const given = process.env[envVar];
  if (given) {
    if (executable(given)) return given;
    fail(`${envVar}=${given} is not an executable file (${why})`);
  }
  const find = () => commands.map(onPath).find(Boolean);
  let found = find();
  if (!found) {
    const canInstall = process.getuid?.() === 0 && onPath("apt-get");
    if (!canInstall) {
      fail(
        `${why}: none of ${commands.join(", ")} is on PATH. Install it (\`sudo apt-get install ` +
          `--no-install-recommends ${aptPackage}\`) or set ${envVar}.`,
      );
    }
    console.log(
      `Installing Debian package ${aptPackage} (${why}; none of ${commands.join(", ")} on PATH, ` +
        `${envVar} unset): apt-get install --no-install-recommends --no-upgrade, log in ${log}`,
    );
    aptInstall(aptPackage, log);
    found = find();
    if (!found) fail(`${aptPackage} installed, but none of ${commands.join(", ")} is on PATH`);
  }
  process.env[envVar] = found;
  return found;
}

/** apt-get update + install of one package, output appended to `log`; exits on failure. */
function aptInstall(aptPackage, log) {
  mkdirSync(dirname(log), { recursive: true });
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const steps = [
    ["update", "-q"],
    ["install", "-y", "-q", "--no-install-recommends", "--no-upgrade", aptPackage],
  ];
  for (const args of steps) {
    appendFileSync(log, `\n$ apt-get ${args.join(" ")}\n`);
    const r = spawnSync("apt-get", args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    appendFileSync(log, `${r.stdout ?? ""}${r.stderr ?? ""}`);
    if (r.status !== 0) fail(`apt-get ${args[0]} failed (exit ${r.status}); see ${log}`);
  }
}

function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(1);
}
