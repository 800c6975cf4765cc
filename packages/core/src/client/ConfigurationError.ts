/** A configuration problem that stops `createClient`; the message says what to fix. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError" as const;
}
