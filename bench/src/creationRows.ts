import { type CreationFigures, measureCreation, timeCalls } from "./measure/creation";
import type { Row } from "./report/table";
import type { Scenario } from "./scenario/model";
import { compileOnce, creators, type SettingsForm } from "./sdks/creation";
import type { SdkUnderTest } from "./sdks/types";

const FORMS: Record<SettingsForm, string> = {
  object: "settings object",
  text: "JSON text",
  snapshot: "shared compiled snapshot",
};
/** The SDKs measured (`BENCH_CREATE_SDKS=pagesense,growthbook` narrows it). */
const IDS = (["pagesense", "optimizely", "growthbook"] as const).filter(
  (id) => !process.env.BENCH_CREATE_SDKS || process.env.BENCH_CREATE_SDKS.split(",").includes(id),
);

/** Creation figures by experiments → form → SDK (absent: the SDK has no such form). */
export type CreationResults = Record<
  number,
  Record<SettingsForm, Partial<Record<SdkUnderTest["id"], CreationFigures>>>
>;

/**
 * The client-creation rows of `pnpm bench` (issue 18): per client, time to create + close and heap
 * kept, from each settings form, for each project size; plus what one compile of ours costs
 * (paid once per document version, not per client).
 */
export async function creationRows(
  scenarios: Map<number, Scenario>,
  clients: number,
  rounds: number,
  log: (message: string) => void,
): Promise<{ rows: Row[]; results: CreationResults; compileNs: Record<number, number> }> {
  const rows: Row[] = [];
  const results: CreationResults = {};
  const compileNs: Record<number, number> = {};
  for (const [count, scenario] of scenarios) {
    const made = creators(scenario);
    const byForm = {} as CreationResults[number];
    for (const form of Object.keys(FORMS) as SettingsForm[]) {
      byForm[form] = {};
      for (const id of IDS) {
        const create = made[id][form];
        if (!create) continue;
        byForm[form][id] = await measureCreation(create, clients, rounds);
        log(`create ${id} from ${FORMS[form]}, ${count} exp.: ${JSON.stringify(byForm[form][id])}`);
      }
    }
    results[count] = byForm;
    compileNs[count] = timeCalls(compileOnce(scenario), count === 1 ? 2_000 : 100, rounds);
    const label = count === 1 ? "1 experiment" : `${count}-experiment project`;
    const value = (form: SettingsForm, key: keyof CreationFigures) => {
      const f = byForm[form];
      return {
        pagesense: f.pagesense?.[key] ?? null,
        optimizely: f.optimizely?.[key] ?? null,
        growthbook: f.growthbook?.[key] ?? null,
      };
    };
    for (const form of Object.keys(FORMS) as SettingsForm[]) {
      rows.push({
        metric: `create + close a client from a ${FORMS[form]}, ${label}`,
        unit: "ns",
        values: value(form, "perClient"),
      });
    }
    for (const form of Object.keys(FORMS) as SettingsForm[]) {
      rows.push({
        metric: `heap per client created from a ${FORMS[form]}, ${label}`,
        unit: "bytes",
        values: value(form, "heapPerClient"),
      });
    }
    rows.push({
      metric: `ours: compile a new document version once (compileSettings), ${label}`,
      unit: "ns",
      values: { pagesense: compileNs[count]!, optimizely: null, growthbook: null },
      ratios: false,
    });
  }
  return { rows, results, compileNs };
}
