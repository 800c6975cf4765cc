import { readFileSync } from "node:fs";
import { SettingsError } from "@pagesense/core";
import type { Logger } from "../logging/logger";
import type { SettingsHistory } from "../storage/SettingsHistory";
import { fingerprint, type LoadedSettings, parseSettings } from "./LoadedSettings";
import { ProjectCatalog } from "./ProjectCatalog";
import { watchFile } from "./watchFile";

/** The settings in force: what `/updateprojectsettings` serves and events are checked against. */
export interface CurrentSettings {
  readonly version: number;
  readonly settings: LoadedSettings;
  readonly catalog: ProjectCatalog;
}

/** A new version was accepted. */
export type SettingsListener = (current: CurrentSettings, previous: CurrentSettings) => void;

/** Timing of the file watch. */
export interface SettingsSourceOptions {
  debounceMs: number;
  pollIntervalMs: number;
}

/**
 * The settings file, validated with core's `validateSettings` and versioned: every accepted
 * change of content gets the next project version (kept in the database across restarts). An
 * invalid edit is logged with the parser's message and the previous version stays in force.
 */
export class SettingsSource {
  private currentValue: CurrentSettings;
  private rejectedHash: string | undefined;
  private readonly listeners: SettingsListener[] = [];
  private stopWatching: (() => void) | undefined;

  /**
   * Loads the file; the start-up version is the stored one when the content is unchanged,
   * else the next one.
   * @throws Error when the file cannot be read or is invalid (a start-up configuration error).
   */
  constructor(
    readonly path: string,
    private readonly history: SettingsHistory,
    private readonly logger: Logger,
  ) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new Error(`cannot read the settings file ${path}: ${(error as Error).message}`);
    }
    let settings: LoadedSettings;
    try {
      settings = parseSettings(text);
    } catch (error) {
      throw new Error(`invalid settings file ${path}: ${(error as Error).message}`);
    }
    const latest = history.latest();
    const version =
      latest && latest.sha256 === settings.sha256
        ? latest.version
        : history.add(settings.sha256, settings.body).version;
    this.currentValue = { version, settings, catalog: new ProjectCatalog(settings.project) };
    this.logLoaded("settings loaded");
  }

  /** The settings in force. */
  get current(): CurrentSettings {
    return this.currentValue;
  }

  /** Registers a listener for accepted changes. */
  onChange(listener: SettingsListener): void {
    this.listeners.push(listener);
  }

  /** Starts watching the file for edits. */
  watch(options: SettingsSourceOptions): void {
    if (this.stopWatching) return;
    this.stopWatching = watchFile(this.path, () => this.reload(), {
      ...options,
      onWatchError: (error) =>
        this.logger.warn(
          { err: error.message, path: this.path },
          "fs.watch failed; relying on polling",
        ),
    });
  }

  /** Stops watching. */
  close(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /** Reads the file again; accepts it when its content changed and is valid. */
  reload(): void {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      const message = `cannot read the settings file: ${(error as Error).message}`;
      this.logger.warn(
        { path: this.path, version: this.currentValue.version },
        `${message}; keeping version ${this.currentValue.version}`,
      );
      return;
    }
    const sha256 = fingerprint(text);
    if (sha256 === this.rejectedHash) return;
    if (sha256 === this.currentValue.settings.sha256) {
      // Back to the document in force after a rejected edit (an undo): say the file is fine again.
      if (this.rejectedHash !== undefined) {
        this.rejectedHash = undefined;
        this.logger.info(
          { path: this.path, version: this.currentValue.version },
          `settings file valid again (unchanged from version ${this.currentValue.version})`,
        );
      }
      return;
    }
    let settings: LoadedSettings;
    try {
      settings = parseSettings(text);
    } catch (error) {
      const message = error instanceof SettingsError ? error.message : String(error);
      this.rejectedHash = sha256;
      this.logger.error(
        { path: this.path, version: this.currentValue.version, error: message },
        `settings edit rejected: ${message}; keeping version ${this.currentValue.version}`,
      );
      return;
    }
    const fixed = this.rejectedHash !== undefined;
    this.rejectedHash = undefined;
    const previous = this.currentValue;
    const { version } = this.history.add(settings.sha256, settings.body);
    this.currentValue = { version, settings, catalog: new ProjectCatalog(settings.project) };
    this.logLoaded(
      fixed ? "settings file fixed: accepted after the rejected edit" : "settings updated",
    );
    for (const listener of this.listeners) {
      try {
        listener(this.currentValue, previous);
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, "settings listener failed");
      }
    }
  }

  private logLoaded(message: string): void {
    const { version, settings } = this.currentValue;
    const p = settings.project;
    this.logger.info(
      {
        path: this.path,
        version,
        project: p.project_name,
        experiments: p.experiments.length,
        goals: p.goals.length,
      },
      message,
    );
    for (const warning of settings.warnings)
      this.logger.warn({ path: this.path, version }, `settings: ${warning}`);
  }
}
