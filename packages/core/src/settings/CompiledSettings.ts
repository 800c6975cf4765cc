import { indexProject, type ProjectIndex } from "./ProjectIndex";
import type { SettingsDocument } from "./types";
import { validateSettings } from "./validate";

/**
 * Settings of one project, validated and indexed once: an immutable snapshot that any number of
 * clients can start from (`createClient({ settings: compiled })`) and decide with, at no
 * per-client cost. Made by {@link compileSettings}; a client swaps its snapshot whole on a
 * refresh, so a decision never sees half-applied settings.
 */
export class CompiledSettings {
  /** The decision index (experiments, goals, compiled audiences). */
  readonly index: ProjectIndex;
  /** The project version (from `x-current-project-version`), when known. */
  readonly version: string | undefined;
  /** Problems found while compiling (bounded, summarised); clients log them once per logger. */
  readonly warnings: readonly string[];
  /**
   * The settings as a one-project, validated and normalised document (to bootstrap another
   * client, e.g. a browser page); other projects of the source are left out. Passing it to
   * {@link compileSettings} gives this snapshot back.
   */
  readonly document: SettingsDocument;

  constructor(index: ProjectIndex, version: string | undefined) {
    this.index = index;
    this.version = version;
    this.warnings = index.warnings;
    this.document = { projectsettings: [index.project] };
    Object.freeze(this);
    snapshotOf.set(this.document, this);
  }

  /** The project's name. */
  get projectName(): string {
    return this.index.project.project_name;
  }
}

/** Options of `compileSettings` and {@link compileDocument}. */
export interface CompileOptions {
  /** Picks the project when the document holds several. */
  projectName?: string;
  /** The project version of this document, when known. */
  version?: string;
}

/** Each snapshot's own `document`, so compiling it again gives the snapshot back. */
const snapshotOf = new WeakMap<object, CompiledSettings>();

/** Compiles settings: {@link compileDocument}, or `compileSettings` (the same, cached). */
export type Compile = (
  document: SettingsDocument | string | CompiledSettings,
  options?: CompileOptions,
) => CompiledSettings;

/**
 * Validates and indexes a settings document (an object or its JSON text) into a
 * {@link CompiledSettings} snapshot, every time: a snapshot, or a snapshot's own `document`, is
 * given back as it is. `compileSettings` adds a cache shared between clients.
 *
 * @throws SettingsError naming the invalid field path.
 */
export function compileDocument(
  document: SettingsDocument | string | CompiledSettings,
  options: CompileOptions = {},
): CompiledSettings {
  if (document instanceof CompiledSettings) return document;
  const { projectName, version } = options;
  const own = typeof document === "object" ? snapshotOf.get(document) : undefined;
  if (
    own &&
    (projectName === undefined || projectName === own.projectName) &&
    (version === undefined || version === own.version)
  )
    return own;
  return new CompiledSettings(indexProject(validateSettings(document, projectName)), version);
}
