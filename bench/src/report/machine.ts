import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

/** The machine a run was measured on. */
export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  /** 1-minute load average when the run started (other work on the machine skews timings). */
  loadAverage: number;
}

/** Describes this machine (CPU model from /proc/cpuinfo where it exists). */
export function machine(): Machine {
  let cpu = "unknown";
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) cpu = line.slice(line.indexOf(":") + 1).trim();
  } catch {
    // not Linux
  }
  return { nproc: availableParallelism(), cpu, node: process.version, loadAverage: loadavg()[0]! };
}
