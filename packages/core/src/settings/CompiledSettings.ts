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

  constructor(index: ProjectIndex, version: string | undefined) {
    this.index = index;
    this.version = version;
    this.warnings = index.warnings;
    Object.freeze(this);
  }

  /** The project's name. */
  get projectName(): string {
    return this.index.project.project_name;
  }

  /**
   * The settings as a one-project, validated and normalised document (to bootstrap another
   * client, e.g. a browser page). Built on each call; other projects of the source are left out.
   */
  toDocument(): SettingsDocument {
    return { projectsettings: [this.index.project] };
  }
}

/** Options of {@link compileSettings}. */
export interface CompileOptions {
  /** Picks the project when the document holds several. */
  projectName?: string;
  /** The project version of this document, when known. */
  version?: string;
}

/** The most recent compiled JSON texts kept (see {@link compileSettings}). */
const TEXT_CACHE_SIZE = 8;
/** Longer JSON texts are compiled every time rather than kept in the cache. */
const TEXT_CACHE_MAX_LENGTH = 8 * 1024 * 1024;

/** Compiled snapshots by document object (then by projectName and version): held while the object lives. */
const byObject = new WeakMap<object, Map<string, CompiledSettings>>();
/** Compiled snapshots by projectName, version and JSON text, most recently used last. */
const byText = new Map<string, CompiledSettings>();

/**
 * Validates and indexes a settings document (an object or its JSON text) into a
 * {@link CompiledSettings} snapshot to share between clients.
 *
 * Compiling is paid once per document version: the result is cached, by identity for objects
 * (for as long as the object lives; treat a document as immutable and pass a new object for new
 * settings) and by content for JSON text (the last 8 distinct texts up to 8 MB each), each with
 * `projectName` and `version`. A snapshot passed in is returned as it is.
 *
 * @throws SettingsError naming the invalid field path.
 */
export function compileSettings(
  document: SettingsDocument | string | CompiledSettings,
  options: CompileOptions = {},
): CompiledSettings {
  if (document instanceof CompiledSettings) return document;
  const { projectName, version } = options;
  const key = `${projectName ?? ""}\u0000${version ?? ""}`;
  if (typeof document === "string") {
    const textKey = `${key}\u0000${document}`;
    const hit = byText.get(textKey);
    if (hit) {
      byText.delete(textKey);
      byText.set(textKey, hit);
      return hit;
    }
    const compiled = compile(document, projectName, version);
    if (document.length <= TEXT_CACHE_MAX_LENGTH) {
      byText.set(textKey, compiled);
      if (byText.size > TEXT_CACHE_SIZE) byText.delete(byText.keys().next().value!);
    }
    return compiled;
  }
  const isObject = typeof document === "object" && document !== null;
  const versions = isObject ? byObject.get(document) : undefined;
  const hit = versions?.get(key);
  if (hit) return hit;
  const compiled = compile(document, projectName, version);
  if (isObject) {
    if (versions) versions.set(key, compiled);
    else byObject.set(document, new Map([[key, compiled]]));
  }
  return compiled;
}

function compile(document: unknown, projectName: string | undefined, version: string | undefined) {
  return new CompiledSettings(indexProject(validateSettings(document, projectName)), version);
}
