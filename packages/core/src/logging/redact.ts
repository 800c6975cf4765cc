/** The longest log line or error message written, in characters; longer ones are cut. */
export const MAX_LINE = 2_000;

/** Secrets shorter than this are not masked (they would mask ordinary words). */
const MIN_SECRET = 4;

const MASK = "***";

/**
 * The `sk` (SDK key) field of a settings request's `raw=` JSON, as it appears in URLs and in
 * error messages quoting them: plain (`"sk":"..."`), URL-encoded (`%22sk%22%3A%22...%22`) or
 * JSON-escaped (`\"sk\":\"...\"`).
 */
const SDK_KEY_FIELDS = [
  /("sk"\s*:\s*")[^"]*(")/g,
  /(%22sk%22(?:%20)*%3A(?:%20)*%22).*?(%22)/gi,
  /(\\"sk\\"\s*:\s*\\")(?:[^"\\]|\\[^"])*(\\")/g,
];

/**
 * Masks credentials in text bound for a log line or an error: every known secret (plain and
 * URL-encoded) and the `sk` field of settings URLs, whatever the secret. Then cuts the text to
 * {@link MAX_LINE} characters, saying how much was left out.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Masks `secret` from now on (the SDK key, the webhook token); short or empty ones are ignored. */
  add(secret: unknown): void {
    if (typeof secret !== "string" || secret.length < MIN_SECRET) return;
    this.#secrets.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.#secrets.add(encoded);
  }

  /** `text` with credentials masked and its length bounded. */
  redact(text: string): string {
    let out = text.length > MAX_LINE * 2 ? text.slice(0, MAX_LINE * 2) : text;
    for (const secret of this.#secrets)
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    for (const field of SDK_KEY_FIELDS) out = out.replace(field, `$1${MASK}$2`);
    if (text.length <= MAX_LINE && out.length <= MAX_LINE) return out;
    return `${out.slice(0, MAX_LINE)}… (${text.length - MAX_LINE} more characters)`;
  }
}
