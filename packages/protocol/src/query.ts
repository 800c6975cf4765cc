/** A request's query parameters: a `URLSearchParams`, or anything that reads one by name. */
export interface QueryParams {
  get(name: string): string | null;
}

/** Parses JSON text, or returns `undefined` when it is not valid JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
