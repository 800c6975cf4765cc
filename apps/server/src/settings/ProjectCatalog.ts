import type {
  ExperimentSettings,
  GoalSettings,
  ProjectSettings,
  VariationSettings,
} from "@pagesense/core";

/** A goal linked to an experiment, resolved to the project goal when it exists. */
export interface LinkedGoal {
  readonly linkName: string;
  readonly isPrimary: boolean;
  /** The project goal with this `goal_link_name`; undefined for a dangling link. */
  readonly goal: GoalSettings | undefined;
}

/** An experiment with its variations and goals looked up by key (events carry keys, not names). */
export interface CatalogExperiment {
  readonly settings: ExperimentSettings;
  readonly variationsByKey: ReadonlyMap<string, VariationSettings>;
  /** The `is_original` variation (the first variation when none is marked). */
  readonly original: VariationSettings | undefined;
  readonly goals: readonly LinkedGoal[];
  readonly goalsByLink: ReadonlyMap<string, LinkedGoal>;
}

/**
 * The current project indexed by keys, for checking events and building reports. The SDK's own
 * `indexProject` looks experiments up by name; events and reports need keys. First one wins on
 * duplicates (a warning is logged when the settings load).
 */
export class ProjectCatalog {
  readonly experiments: readonly CatalogExperiment[];
  private readonly byKey = new Map<string, CatalogExperiment>();
  private readonly goalsByLink = new Map<string, GoalSettings>();

  constructor(readonly project: ProjectSettings) {
    for (const g of project.goals) {
      if (!this.goalsByLink.has(g.goal_link_name)) this.goalsByLink.set(g.goal_link_name, g);
    }
    const experiments: CatalogExperiment[] = [];
    for (const e of project.experiments) {
      if (this.byKey.has(e.experiment_key)) continue;
      const entry = this.catalogExperiment(e);
      this.byKey.set(e.experiment_key, entry);
      experiments.push(entry);
    }
    this.experiments = experiments;
  }

  /** The experiment with this `experiment_key`. */
  experimentByKey(key: string): CatalogExperiment | undefined {
    return this.byKey.get(key);
  }

  /** Finds an experiment by key, then by exact name, then by link name. */
  findExperiment(ref: string): CatalogExperiment | undefined {
    return (
      this.byKey.get(ref) ??
      this.experiments.find((e) => e.settings.experiment_name === ref) ??
      this.experiments.find((e) => e.settings.experiment_link_name === ref)
    );
  }

  /** The project goal with this `goal_link_name`. */
  goalByLink(linkName: string): GoalSettings | undefined {
    return this.goalsByLink.get(linkName);
  }

  private catalogExperiment(e: ExperimentSettings): CatalogExperiment {
    const variationsByKey = new Map<string, VariationSettings>();
    for (const v of e.variations) {
      if (!variationsByKey.has(v.variation_key)) variationsByKey.set(v.variation_key, v);
    }
    const goalsByLink = new Map<string, LinkedGoal>();
    for (const link of e.goals) {
      if (goalsByLink.has(link.goal_link_name)) continue;
      goalsByLink.set(link.goal_link_name, {
        linkName: link.goal_link_name,
        isPrimary: link.is_primary_goal,
        goal: this.goalsByLink.get(link.goal_link_name),
      });
    }
    return {
      settings: e,
      variationsByKey,
      original: e.variations.find((v) => v.is_original) ?? e.variations[0],
      goals: [...goalsByLink.values()],
      goalsByLink,
    };
  }
}
