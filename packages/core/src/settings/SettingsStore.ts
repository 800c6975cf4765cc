import type { Notifier } from "../client/notifications";
import type { LogSink } from "../logging/logger";
import { changedLayouts, indexProject, type ProjectIndex } from "./ProjectIndex";
import { SettingsError } from "./SettingsError";
import { validateSettings } from "./validate";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SettingsError("", "settings are not valid JSON");
  }
}

/** Result of {@link SettingsStore.apply}. */
export interface ApplyResult {
  changed: boolean;
}

/**
 * Holds the settings in force. A new document is validated and indexed before it replaces the
 * current one in a single assignment, so a decision never sees half-applied settings; an invalid
 * document throws and leaves the last good settings in force.
 */
export class SettingsStore {
  private current: ProjectIndex | null = null;
  private currentVersion: string | undefined;
  private currentRaw: unknown;

  constructor(
    private readonly projectName: string | undefined,
    private readonly log: LogSink,
    private readonly notifier: Notifier,
  ) {}

  /** The indexed settings, or null before the first successful load. */
  get index(): ProjectIndex | null {
    return this.current;
  }

  /** The project version of the settings in force (from `x-current-project-version`). */
  get version(): string | undefined {
    return this.currentVersion;
  }

  /** The settings document in force, as it was given (for bootstrapping another client). */
  get document(): unknown {
    return this.currentRaw;
  }

  /**
   * Validates, indexes and swaps in `document`.
   * @throws SettingsError when the document is invalid (the current settings stay).
   */
  apply(document: unknown, version?: string): ApplyResult {
    const raw = typeof document === "string" ? parseJson(document) : document;
    const next = indexProject(validateSettings(raw, this.projectName));
    for (const w of next.warnings) this.log.warn(`settings: ${w}`);
    const previous = this.current;
    if (previous) {
      for (const name of changedLayouts(previous, next)) {
        this.log.warn(
          `settings: the traffic layout of running experiment "${name}" changed; users may move between variations unless a user storage is configured`,
        );
      }
    }
    this.current = next;
    this.currentVersion = version;
    this.currentRaw = raw;
    this.log.info(
      `settings loaded for project "${next.project.project_name}"${version ? ` (version ${version})` : ""}: ${next.experiments.size} experiments, ${next.goals.size} goals`,
    );
    this.notifier.emit("settings", {
      version,
      changed: true,
      experimentCount: next.experiments.size,
    });
    return { changed: true };
  }
}
