import { CompiledSettings, type CompileOptions, compileDocument } from "./CompiledSettings";
import type { SettingsDocument } from "./types";

/** The most recent compiled JSON texts kept (see {@link compileSettings}). */
const TEXT_CACHE_SIZE = 8;
/** Longer JSON texts are compiled every time rather than kept in the cache. */
const TEXT_CACHE_MAX_LENGTH = 8 * 1024 * 1024;

/** Compiled snapshots by document object (then by projectName and version): held while the object lives. */
const byObject = new WeakMap<object, Map<string, CompiledSettings>>();
/** Compiled snapshots by JSON text (then by projectName and version), most recently used last. */
const byText = new Map<string, Map<string, CompiledSettings>>();

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
    // Keyed by the text itself: the same string instance is found without rehashing its content.
    const versions = byText.get(document);
    const hit = versions?.get(key);
    if (versions) {
      byText.delete(document);
      byText.set(document, versions);
    }
    if (hit) return hit;
    const compiled = compileDocument(document, options);
    if (document.length <= TEXT_CACHE_MAX_LENGTH) {
      if (versions) versions.set(key, compiled);
      else byText.set(document, new Map([[key, compiled]]));
      if (byText.size > TEXT_CACHE_SIZE) byText.delete(byText.keys().next().value!);
    }
    return compiled;
  }
  const isObject = typeof document === "object" && document !== null;
  const versions = isObject ? byObject.get(document) : undefined;
  const hit = versions?.get(key);
  if (hit) return hit;
  const compiled = compileDocument(document, options);
  // A snapshot's own document gives its snapshot back (compileDocument): nothing to keep.
  if (isObject && compiled.document !== document) {
    if (versions) versions.set(key, compiled);
    else byObject.set(document, new Map([[key, compiled]]));
  }
  return compiled;
}
