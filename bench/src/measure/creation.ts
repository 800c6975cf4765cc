import type { Created, Creator } from "../sdks/creation";
import { gc, heapAfterGc, median, tick } from "./stats";

/** Client creation figures of one SDK and settings form. */
export interface CreationFigures {
  /**
   * CPU ns (user + system, this process) to create a client and close it again, median over
   * rounds: on a shared machine, wall time counts other processes' work too.
   */
  perClient: number;
  /** The same in wall-clock ns. */
  wallPerClient: number;
  /** heapUsed growth per client kept (created, ready, not closed), bytes. */
  heapPerClient: number;
}

/**
 * Times `create` + `close` over `clients` clients per round (after a warm-up round), median of
 * `rounds`, in CPU time; then keeps `clients` clients alive and divides the heapUsed growth (after full GCs)
 * by their number.
 */
export async function measureCreation(
  create: Creator,
  clients: number,
  rounds: number,
): Promise<CreationFigures> {
  const once = async () => {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < clients; i++) {
      const client = await create();
      await client.close();
    }
    const wall = Number(process.hrtime.bigint() - start) / clients;
    const used = process.cpuUsage(cpu);
    return { cpu: ((used.user + used.system) * 1000) / clients, wall };
  };
  await once();
  const samples: number[] = [];
  const walls: number[] = [];
  // No forced GC between rounds: a full GC drops the JIT's warm state and the next round would
  // time start-up instead of steady creation (the collections creation causes are counted).
  for (let r = 0; r < rounds; r++) {
    const { cpu, wall } = await once();
    samples.push(cpu);
    walls.push(wall);
    await tick();
  }

  await tick();
  const before = heapAfterGc();
  const kept: Created[] = [];
  for (let i = 0; i < clients; i++) kept.push(await create());
  await tick();
  const heapPerClient = (heapAfterGc() - before) / clients;
  for (const client of kept) await client.close();
  return { perClient: median(samples), wallPerClient: median(walls), heapPerClient };
}

/** CPU ns per call of `work` (median of `rounds` rounds of `calls` calls, after a warm-up round). */
export function timeCalls(work: () => void, calls: number, rounds: number): number {
  const samples: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    gc();
    const cpu = process.cpuUsage();
    for (let i = 0; i < calls; i++) work();
    const used = process.cpuUsage(cpu);
    if (r > 0) samples.push(((used.user + used.system) * 1000) / calls);
  }
  return median(samples);
}
