import { createHash } from "node:crypto";
import { type ProjectSettings, SettingsError, validateSettings } from "@pagesense/core";
import { indexProject } from "@pagesense/core/internal";

/** A settings document that passed validation, with what the server needs from it. */
export interface LoadedSettings {
  /** The document as served to SDKs (compact JSON of the file's content). */
  readonly body: string;
  /** Its one project, normalised by core's `validateSettings`. */
  readonly project: ProjectSettings;
  /** {@link fingerprint} of the file: tells a real edit from a touch or a reformat. */
  readonly sha256: string;
  /** Problems that do not make the document invalid (dangling links, duplicates). */
  readonly warnings: readonly string[];
}

/**
 * SHA-256 (hex) of a settings file's content: of its compact JSON when it parses (so saving the
 * same document with other whitespace is no change), else of the text.
 */
export function fingerprint(text: string): string {
  let canonical = text;
  try {
    canonical = JSON.stringify(JSON.parse(text));
  } catch {
    // not JSON: hash the text as is
  }
  return sha256Hex(canonical);
}

/** SHA-256 (hex) of a string: the one hash of settings content. */
function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Parses and validates a settings file's text with core's own `validateSettings`, so the server
 * accepts exactly what the SDKs accept. The local server serves one project per file.
 * @throws SettingsError naming the invalid field path.
 */
export function parseSettings(text: string): LoadedSettings {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : "";
    throw new SettingsError("", `settings are not valid JSON${detail}`);
  }
  const projects = (document as { projectsettings?: unknown } | null)?.projectsettings;
  if (Array.isArray(projects) && projects.length > 1) {
    throw new SettingsError(
      "projectsettings",
      `the local server serves one project per settings file, found ${projects.length}`,
    );
  }
  const project = validateSettings(document);
  const body = JSON.stringify(document);
  return {
    body,
    project,
    sha256: sha256Hex(body), // = fingerprint(text): body is the compact JSON of the text
    warnings: [...indexProject(project).warnings, ...keyWarnings(project)],
  };
}

/** Duplicate keys make events ambiguous; the SDK only checks names, so warn here. */
function keyWarnings(project: ProjectSettings): string[] {
  const out: string[] = [];
  const experimentKeys = new Set<string>();
  for (const e of project.experiments) {
    if (experimentKeys.has(e.experiment_key))
      out.push(`experiment_key "${e.experiment_key}" is used twice; reports use the first`);
    experimentKeys.add(e.experiment_key);
    const variationKeys = new Set<string>();
    for (const v of e.variations) {
      if (variationKeys.has(v.variation_key))
        out.push(`variation_key "${v.variation_key}" is used twice in "${e.experiment_name}"`);
      variationKeys.add(v.variation_key);
    }
    if (e.variations.length > 0 && !e.variations.some((v) => v.is_original))
      out.push(
        `"${e.experiment_name}" has no variation with is_original: reports compare to the first`,
      );
  }
  const goalLinks = new Set<string>();
  for (const g of project.goals) {
    if (goalLinks.has(g.goal_link_name))
      out.push(`goal_link_name "${g.goal_link_name}" is used twice; reports use the first`);
    goalLinks.add(g.goal_link_name);
  }
  return out;
}
