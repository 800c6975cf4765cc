import type { SettingsHistory } from "../storage/SettingsHistory";
import type { TrafficSplit } from "./types";

/** What a stored settings document holds of one experiment's split (validated when accepted). */
interface StoredExperiment {
  experiment_key: string;
  permitted_traffic: number;
  variations: Array<{ variation_name: string; traffic_distribution: number }>;
}

/**
 * The traffic splits an experiment ran with from settings version `first` (its first counted
 * visit) to `last` (the current one): the split at `first`, then each version that changed it
 * (permitted traffic or a variation's share). More than one entry means the split changed during
 * the test, so visitors bucketed under different splits are counted together.
 */
export function trafficSplits(
  experimentKey: string,
  history: SettingsHistory,
  first: number | undefined,
  last: number,
): TrafficSplit[] {
  if (first === undefined) return [];
  const splits: TrafficSplit[] = [];
  let previous = "";
  for (const entry of history.range(first, last)) {
    const experiment = experimentIn(entry.document, experimentKey);
    if (!experiment) continue;
    const split: TrafficSplit = {
      version: entry.version,
      loadedAt: entry.loadedAt,
      permittedTraffic: experiment.permitted_traffic,
      variations: experiment.variations.map((v) => ({
        name: v.variation_name,
        share: v.traffic_distribution,
      })),
    };
    const key = JSON.stringify([split.permittedTraffic, split.variations]);
    if (key !== previous) splits.push(split);
    previous = key;
  }
  return splits;
}

function experimentIn(document: string, key: string): StoredExperiment | undefined {
  try {
    const parsed = JSON.parse(document) as {
      projectsettings?: Array<{ experiments?: StoredExperiment[] }>;
    };
    return parsed.projectsettings?.[0]?.experiments?.find((e) => e.experiment_key === key);
  } catch {
    return undefined;
  }
}
