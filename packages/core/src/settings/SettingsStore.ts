import type { SafeLogger } from "../logging/logger";
import type { Notifier } from "../notifications/Notifier";
import type { Compile, CompiledSettings } from "./CompiledSettings";
import { changedLayouts, type ProjectIndex } from "./ProjectIndex";
import type { SettingsDocument } from "./types";
import { clip } from "./warnings";

/** Loggers that have seen each snapshot's warnings: they are logged once per snapshot and logger. */
const warned = new WeakMap<CompiledSettings, WeakSet<object>>();

/**
 * Holds a client's settings in force: one {@link CompiledSettings} snapshot, replaced whole, so a
 * decision never sees half-applied settings; an invalid document throws and leaves the last good
 * settings in force. Cheap to create: it only points at a snapshot that may be shared.
 */
export class SettingsStore {
  #current: CompiledSettings | null = null;
  readonly #projectName: string | undefined;
  readonly #log: SafeLogger;
  readonly #notifier: Notifier;
  /** Whose warnings-seen mark is used (the client's logger). */
  readonly #logger: object;
  /** Compiles a document (with or without a shared cache). */
  readonly #compile: Compile;
  /** Called on each read of {@link index} (the settings sync restarts a cancelled poll). */
  #onRead: (() => void) | undefined;

  constructor(
    projectName: string | undefined,
    log: SafeLogger,
    notifier: Notifier,
    logger: object,
    compile: Compile,
  ) {
    this.#projectName = projectName;
    this.#compile = compile;
    this.#log = log;
    this.#notifier = notifier;
    this.#logger = logger;
  }

  /** The snapshot in force, or null before the first successful load. */
  get snapshot(): CompiledSettings | null {
    return this.#current;
  }

  /**
   * The indexed settings in force, or null before the first successful load. Every decision and
   * call reads it, so reading it also lets a poll the runtime cancelled restart (see
   * {@link onRead}).
   */
  get index(): ProjectIndex | null {
    this.#onRead?.();
    return this.#current?.index ?? null;
  }

  /** Sets the function called on each read of {@link index} (it must be cheap and never throw). */
  onRead(listener: () => void): void {
    this.#onRead = listener;
  }

  /** The project version of the settings in force (from `x-current-project-version`). */
  get version(): string | undefined {
    return this.#current?.version;
  }

  /** The settings in force as a one-project validated document (for bootstrapping another client). */
  get document(): SettingsDocument | undefined {
    return this.#current?.document;
  }

  /**
   * Compiles (or takes from the compile cache, if the client has one) and swaps in `document`: an object, its JSON text,
   * or a snapshot.
   * @throws SettingsError when the document is invalid (the current settings stay).
   */
  apply(document: unknown, version?: string): void {
    const next = this.#compile(document as SettingsDocument, {
      projectName: this.#projectName,
      version,
    });
    this.use(next, "loaded");
  }

  /**
   * Swaps in `next` at once, after logging its warnings (once per logger) and layout changes.
   * `how`: `"bootstrap"` stays quiet at INFO (the start-up line says it).
   */
  use(next: CompiledSettings, how: "bootstrap" | "loaded"): void {
    const log = this.#log;
    if (next.warnings.length && log.enabled("WARNING")) {
      const seen = warned.get(next) ?? new WeakSet<object>();
      warned.set(next, seen);
      if (!seen.has(this.#logger)) {
        seen.add(this.#logger);
        for (const w of next.warnings) log.warn(`settings: ${w}`);
      }
    }
    const previous = this.#current;
    if (previous && previous !== next) {
      for (const name of changedLayouts(previous.index, next.index)) {
        log.warn(
          `settings: running experiment "${clip(name)}" has a new traffic layout; users may switch variations`,
        );
      }
    }
    this.#current = next;
    const { index, version } = next;
    const experimentCount = index.experiments.size;
    if (how === "loaded")
      log.info(
        `settings loaded for project "${clip(next.projectName)}"${version ? ` (version ${clip(version)})` : ""}: ${experimentCount} experiments, ${index.goals.size} goals`,
      );
    if (this.#notifier.has("settings"))
      this.#notifier.emit("settings", { version, experimentCount });
  }
}
