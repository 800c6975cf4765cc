import { createHash } from "node:crypto";
import { rename } from "node:fs/promises";
import { join } from "node:path";
import {
  consoleLogger,
  type Logger,
  messageOf,
  SafeLogger,
  storedExperiments,
  type UserProfile,
  type UserStorage,
} from "@pagesense/core";
import { readJsonFile } from "../fs/readJsonFile";
import { writeFileAtomic } from "../fs/writeFileAtomic";

/** Options of {@link FileUserStorage}: exactly one of `file` or `directory`. */
export interface FileUserStorageOptions {
  /**
   * One JSON file holding every user (`{ "<userId>": { "<experiment_key>": "<variation_key>" } }`),
   * loaded once and rewritten atomically after each save. For one process and up to some
   * hundred thousand users.
   */
  file?: string;
  /**
   * A folder with one small JSON file per user (sharded by a hash of the user id). Scales to many
   * users and tolerates several processes sharing the folder (the last save of a user wins).
   */
  directory?: string;
  /** Where warnings go (a corrupt file, a failed write). Default: the console. */
  logger?: Logger;
}

type Profiles = Map<string, Record<string, string>>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A {@link UserStorage} on the local disk, so assignments survive restarts: either one JSON file
 * or a folder of per-user files. Writes are atomic (temporary file + rename). A corrupt store is
 * never fatal: a corrupt single file is moved aside to `<file>.corrupt-<time>` and the storage
 * starts empty; a corrupt per-user file is treated as no profile and replaced by the next save.
 */
export class FileUserStorage implements UserStorage {
  private readonly log: SafeLogger;
  private readonly file: string | undefined;
  private readonly directory: string | undefined;
  // single-file mode
  private profiles: Promise<Profiles> | undefined;
  private dirty = false;
  private writing: Promise<void> | undefined;
  // directory mode: saves of one user run in order
  private readonly userWrites = new Map<string, Promise<void>>();

  constructor(options: FileUserStorageOptions) {
    const file = options?.file;
    const directory = options?.directory;
    const given = (v: unknown) => typeof v === "string" && v !== "";
    if (given(file) === given(directory)) {
      throw new TypeError(
        "FileUserStorage needs exactly one of { file: '<path>.json' } or { directory: '<path>' }",
      );
    }
    this.file = given(file) ? file : undefined;
    this.directory = given(directory) ? directory : undefined;
    this.log = new SafeLogger(options.logger ?? consoleLogger, "INFO");
  }

  async lookup(userId: string): Promise<UserProfile | undefined> {
    if (this.directory !== undefined) return this.lookupUserFile(userId);
    const experiments = (await this.load()).get(userId);
    return experiments ? { userId, experiments: { ...experiments } } : undefined;
  }

  async save(profile: UserProfile): Promise<void> {
    const experiments = { ...profile.experiments };
    if (this.directory !== undefined) return this.saveUserFile(profile.userId, experiments);
    (await this.load()).set(profile.userId, experiments);
    return this.persist();
  }

  /** Resolves when every save so far is on disk. */
  async idle(): Promise<void> {
    await this.writing;
    await Promise.all(this.userWrites.values());
  }

  /** The file holding `userId`'s profile in directory mode (`<dir>/<2 hex>/<sha256>.json`). */
  userFile(userId: string): string {
    const hash = createHash("sha256").update(userId, "utf8").digest("hex");
    return join(this.directory ?? "", hash.slice(0, 2), `${hash}.json`);
  }

  private load(): Promise<Profiles> {
    this.profiles ??= this.readAll();
    return this.profiles;
  }

  private async readAll(): Promise<Profiles> {
    const file = this.file!;
    const profiles: Profiles = new Map();
    const found = await readJsonFile(file);
    if (found.kind === "missing") return profiles;
    if (found.kind === "ok" && isObject(found.value)) {
      for (const [userId, value] of Object.entries(found.value)) {
        const experiments = storedExperiments(value);
        if (experiments) profiles.set(userId, experiments);
      }
      return profiles;
    }
    const reason = found.kind === "corrupt" ? found.reason : "not a JSON object";
    const aside = `${file}.corrupt-${Date.now()}`;
    try {
      await rename(file, aside);
      this.log.warn(
        `FileUserStorage: ${file} is unusable (${reason}); moved to ${aside}, starting empty`,
      );
    } catch (error) {
      this.log.warn(
        `FileUserStorage: ${file} is unusable (${reason}) and could not be moved aside (${messageOf(error)}); starting empty`,
      );
    }
    return profiles;
  }

  /** Writes the whole file; saves arriving meanwhile are folded into one more write. */
  private persist(): Promise<void> {
    this.dirty = true;
    this.writing ??= this.writeLoop();
    return this.writing;
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        const profiles = await this.load();
        await writeFileAtomic(this.file!, JSON.stringify(Object.fromEntries(profiles)));
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async lookupUserFile(userId: string): Promise<UserProfile | undefined> {
    const path = this.userFile(userId);
    await this.userWrites.get(userId);
    const found = await readJsonFile(path);
    if (found.kind === "missing") return undefined;
    const value = found.kind === "ok" ? found.value : undefined;
    const experiments = isObject(value) ? storedExperiments(value.experiments) : undefined;
    if (!isObject(value) || value.userId !== userId || !experiments) {
      const reason = found.kind === "corrupt" ? found.reason : "not a profile of this user";
      this.log.warn(`FileUserStorage: ${path} ignored (${reason}); the next save replaces it`);
      return undefined;
    }
    return { userId, experiments };
  }

  private saveUserFile(userId: string, experiments: Record<string, string>): Promise<void> {
    const path = this.userFile(userId);
    const text = JSON.stringify({ userId, experiments });
    const previous = this.userWrites.get(userId) ?? Promise.resolve();
    const write = previous
      .catch(() => {})
      .then(() => writeFileAtomic(path, text))
      .finally(() => {
        if (this.userWrites.get(userId) === write) this.userWrites.delete(userId);
      });
    this.userWrites.set(userId, write);
    return write;
  }
}
