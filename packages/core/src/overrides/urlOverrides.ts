/** The query parameter of QA links: `?pagesense=PricingTest:Variation%201,Banner:Red`. */
export const OVERRIDE_PARAMETER = "pagesense";

/** What {@link parseVariationOverrides} found in a query string. */
export interface VariationOverrides {
  /** Experiment name → variation name, for the `forcedVariations` option. */
  forced: Record<string, string>;
  /** Entries that are not `experiment:variation`, each described for a warning. */
  problems: string[];
}

/** Percent-decodes one part (`+` is a space, as in forms); undefined when it is not valid. */
function decodePart(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, " ")).trim();
  } catch {
    return undefined;
  }
}

/**
 * Reads the QA override of a URL's query string (`location.search`, with or without `?`):
 * `pagesense=Experiment:Variation`, several separated by commas. Names are percent-encoded
 * (`Variation%201`); a comma or colon inside a name is written `%2C` / `%3A`. The last entry for
 * an experiment wins. Whether the names exist is checked by the client (unknown ones are warned
 * about and ignored). Never throws.
 */
export function parseVariationOverrides(search: string): VariationOverrides {
  const forced: Record<string, string> = {};
  const problems: string[] = [];
  const query = typeof search === "string" ? search.replace(/^\?/, "") : "";
  for (const pair of query.split("&")) {
    const equals = pair.indexOf("=");
    if (equals < 0 || decodePart(pair.slice(0, equals)) !== OVERRIDE_PARAMETER) continue;
    for (const entry of pair.slice(equals + 1).split(",")) {
      if (entry === "") continue;
      const colon = entry.indexOf(":");
      const experiment = colon > 0 ? decodePart(entry.slice(0, colon)) : undefined;
      const variation = colon > 0 ? decodePart(entry.slice(colon + 1)) : undefined;
      if (experiment && variation) forced[experiment] = variation;
      else problems.push(`"${entry}" is not experiment:variation`);
    }
  }
  return { forced, problems };
}
