import type { SettingsDocument } from "@pagesense/core";

/** One assignment stored for a user, named from the settings when they still hold it. */
export interface StoredAssignment {
  experimentKey: string;
  variationKey: string;
  /** The experiment's name in the given settings; null when not given or no longer there. */
  experimentName: string | null;
  /** The variation's name in the given settings; null when not given or no longer there. */
  variationName: string | null;
}

/**
 * The stored experiment_key → variation_key entries as {@link StoredAssignment}s, sorted by
 * experiment key, named from `settings` (every project in the document) where possible.
 */
export function nameAssignments(
  experiments: Readonly<Record<string, string>>,
  settings: SettingsDocument | undefined,
): StoredAssignment[] {
  const found = new Map<string, { name: string; variations: Map<string, string> }>();
  for (const project of settings?.projectsettings ?? [])
    for (const experiment of project.experiments ?? [])
      found.set(experiment.experiment_key, {
        name: experiment.experiment_name,
        variations: new Map(
          (experiment.variations ?? []).map((v) => [v.variation_key, v.variation_name]),
        ),
      });
  return Object.keys(experiments)
    .sort()
    .map((experimentKey) => {
      const variationKey = experiments[experimentKey]!;
      const experiment = found.get(experimentKey);
      return {
        experimentKey,
        variationKey,
        experimentName: experiment?.name ?? null,
        variationName: experiment?.variations.get(variationKey) ?? null,
      };
    });
}
