import type { Scenario } from "../scenario/model";
import type { Runner, SdkUnderTest } from "../sdks/types";
import { Tally } from "../sdks/types";
import { heapAfterGc, tick } from "./stats";

/** Heap figures of one SDK, bytes. */
export interface HeapFigures {
  /** heapUsed growth per client created (settings loaded, ready to decide). */
  perClient: number;
  /** heapUsed growth of one client after activating one experiment for each of the scenario's users. */
  afterUsers: number;
}

const WARM_UP = 10_000;

/**
 * Heap per client: `clients` clients of the project are created and kept, and the growth of
 * heapUsed (after full GCs) is divided by their number. Heap after users: a fresh client
 * serves 10 000 warm-up users, then activates experiment `i % experiments` for
 * every user `i` (each user once, impression events to the no-op dispatcher), then the growth of heapUsed over the fresh client is read, so state an
 * SDK keeps per user shows. Users are generated beforehand and are not counted.
 */
export async function measureHeap(
  sdk: SdkUnderTest,
  scenario: Scenario,
  clients: number,
): Promise<HeapFigures> {
  await tick();
  const before = heapAfterGc();
  const kept: Runner[] = [];
  for (let i = 0; i < clients; i++) kept.push(await sdk.create(scenario, "decide"));
  await tick();
  const perClient = (heapAfterGc() - before) / clients;
  for (const r of kept) await r.close();
  kept.length = 0;

  // A fresh client first serves WARM_UP other users (ids no measured user has), so that lazily
  // built state (compiled code, caches sized once) is in the baseline; then every user once.
  const n = scenario.users.length;
  const e = scenario.experiments.length;
  const warmUsers = scenario.users.slice(0, WARM_UP).map((u) => ({ ...u, id: `warm-${u.id}` }));
  const extended = { ...scenario, users: [...scenario.users, ...warmUsers] };
  const plan = new Uint8Array(extended.users.length).map((_, i) => i % e);
  const runner = await sdk.create(extended, "activate");
  await runner.run(plan, n, extended.users.length, new Tally(e));
  await tick();
  const tally = new Tally(e);
  const base = heapAfterGc();
  await runner.run(plan, 0, n, tally);
  await tick();
  const afterUsers = heapAfterGc() - base;
  await runner.close();
  return { perClient, afterUsers };
}
