// Scratch: compare call styles of each SDK (not part of `pnpm bench`).
import { firstExperiments, generateScenario } from "./scenario/generate";
import { growthBookSdk } from "./sdks/growthbook";
import { optimizelySdk } from "./sdks/optimizely";
import { pageSense } from "./sdks/pagesense";
import { type SdkUnderTest, Tally } from "./sdks/types";

const t0 = performance.now();
const scenario = generateScenario({ experiments: 50, users: 200_000 });
console.log("generate ms", (performance.now() - t0).toFixed(0));
for (const e of scenario.experiments.slice(0, 5))
  console.log(e.key, e.traffic, e.variations, e.qualifyingShare, JSON.stringify(e.audiences));
const N = scenario.users.length;
const sdks: [string, SdkUnderTest][] = [
  ["ours", pageSense],
  ["opt-decide", optimizelySdk("decide")],
  ["opt-legacy", optimizelySdk("legacy")],
  ["gb-client", growthBookSdk("client")],
  ["gb-scoped", growthBookSdk("scoped")],
];
for (const exps of [1, 50]) {
  const s = firstExperiments(scenario, exps);
  const plan = new Uint8Array(N).map((_, i) => i % exps);
  for (const mode of ["decide", "activate"] as const) {
    for (const [name, sdk] of sdks) {
      const r = await sdk.create(s, mode);
      const times: number[] = [];
      let tally = new Tally(exps);
      for (let round = 0; round < 4; round++) {
        tally = new Tally(exps);
        const t = performance.now();
        await r.run(plan, 0, N, tally);
        times.push(((performance.now() - t) * 1e6) / N);
      }
      const ev = await r.close();
      console.log(
        exps,
        mode,
        name,
        times.map((x) => x.toFixed(0)).join(" "),
        "assigned",
        tally.assigned(),
        "events",
        ev,
      );
    }
  }
}
