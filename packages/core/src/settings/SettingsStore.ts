import type { SafeLogger } from "../logging/logger";
import type { Notifier } from "../notifications/Notifier";
import { changedLayouts, indexProject, type ProjectIndex } from "./ProjectIndex";
import type { SettingsDocument } from "./types";
import { validateSettings } from "./validate";

/**
 * Holds the settings in force. A new document is validated and indexed before it replaces the
 * current one at once, so a decision never sees half-applied settings; an invalid document throws
 * and leaves the last good settings in force. `index`, `version` and `document` change only
 * through {@link apply}.
 */
export class SettingsStore {
  /** The indexed settings, or null before the first successful load. */
  declare index: ProjectIndex | null;
  /** The project version of the settings in force (from `x-current-project-version`). */
  declare version: string | undefined;
  /**
   * The settings in force as a one-project document, validated and normalised (for bootstrapping
   * another client). Other projects of the original document are left out, and no second copy of
   * the raw document is kept.
   */
  declare document: SettingsDocument | undefined;
  declare private readonly projectName: string | undefined;
  declare private readonly log: SafeLogger;
  declare private readonly notifier: Notifier;

  constructor(projectName: string | undefined, log: SafeLogger, notifier: Notifier) {
    this.projectName = projectName;
    this.log = log;
    this.notifier = notifier;
    this.index = null;
  }

  /**
   * Validates, indexes and swaps in `document` (an object or its JSON text).
   * @throws SettingsError when the document is invalid (the current settings stay).
   */
  apply(document: unknown, version?: string): void {
    const { log } = this;
    const next = indexProject(validateSettings(document, this.projectName));
    for (const w of next.warnings) log.warn(`settings: ${w}`);
    for (const name of this.index ? changedLayouts(this.index, next) : []) {
      log.warn(
        `settings: running experiment "${name}" has a new traffic layout; users may switch variations`,
      );
    }
    const doc: SettingsDocument = { projectsettings: [next.project] };
    this.index = next;
    this.version = version;
    this.document = doc;
    const experimentCount = next.experiments.size;
    log.info(
      `settings loaded for project "${next.project.project_name}"${version ? ` (version ${version})` : ""}: ${experimentCount} experiments, ${next.goals.size} goals`,
    );
    this.notifier.emit("settings", { version, experimentCount });
  }
}
