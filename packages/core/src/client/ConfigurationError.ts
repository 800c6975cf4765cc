/** A configuration problem that stops `createClient`; the message says what to fix. */
export class ConfigurationError extends Error {
  declare readonly name: "ConfigurationError";

  constructor(message: string) {
    super(message);
    (this as { name: string }).name = "ConfigurationError";
  }
}
