import { messageOf, type SafeLogger, SettingsError, validateSettings } from "@pagesense/core";
import { readJsonFile } from "../fs/readJsonFile";
import { writeFileAtomic } from "../fs/writeFileAtomic";

/**
 * A settings document kept on disk (the `settingsFile` option): read once at start to bootstrap a
 * client without the network, rewritten atomically whenever new settings arrive. The file holds
 * the plain settings document, so it may also be produced by other means (a deploy step, curl).
 */
export class SettingsFile {
  private lastWritten: string | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly log: SafeLogger,
  ) {}

  /**
   * The document in the file, when it is a valid settings document for `projectName`; a missing
   * file gives `undefined` quietly, an unreadable or invalid one a warning and `undefined`.
   */
  async read(projectName: string | undefined): Promise<unknown> {
    const found = await readJsonFile(this.path);
    if (found.kind === "missing") {
      this.log.info(`settingsFile ${this.path} does not exist yet; fetching settings`);
      return undefined;
    }
    if (found.kind === "corrupt") {
      this.log.warn(`settingsFile ${this.path} ignored: ${found.reason}`);
      return undefined;
    }
    try {
      validateSettings(found.value, projectName);
    } catch (error) {
      const why = error instanceof SettingsError ? error.message : messageOf(error);
      this.log.warn(`settingsFile ${this.path} ignored: not a valid settings document: ${why}`);
      return undefined;
    }
    this.lastWritten = JSON.stringify(found.value);
    this.log.info(`settings bootstrapped from settingsFile ${this.path}`);
    return found.value;
  }

  /**
   * Saves `document` (skipped when it is what the file already holds). Writes run one after the
   * other, so the file always ends with the latest document; failures are logged, never thrown.
   */
  save(document: unknown): Promise<void> {
    if (document === undefined || document === null) return this.writing;
    let text: string;
    try {
      text = JSON.stringify(document);
    } catch (error) {
      this.log.error(`settingsFile ${this.path} not updated: ${messageOf(error)}`);
      return this.writing;
    }
    this.writing = this.writing.then(async () => {
      if (text === this.lastWritten) return;
      try {
        await writeFileAtomic(this.path, text);
        this.lastWritten = text;
        this.log.debug(`settingsFile ${this.path} updated`);
      } catch (error) {
        this.log.error(`settingsFile ${this.path} not updated: ${messageOf(error)}`);
      }
    });
    return this.writing;
  }

  /** Resolves when every write started so far has finished. */
  idle(): Promise<void> {
    return this.writing;
  }
}
