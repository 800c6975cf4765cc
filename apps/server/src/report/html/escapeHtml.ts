const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML/SVG element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** An already-escaped HTML fragment. */
export interface Html {
  readonly __html: string;
}

/** Marks a string built from escaped parts as safe HTML. */
export const raw = (html: string): Html => ({ __html: html });

/**
 * Template tag that escapes every interpolated value unless it is {@link Html} (or an array of
 * them), so pages are built without forgetting an escape.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += fragment(value) + strings[i + 1]!;
  });
  return raw(out);
}

function fragment(value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(fragment).join("");
  if (typeof value === "object" && "__html" in value) return (value as Html).__html;
  return escapeHtml(value);
}
