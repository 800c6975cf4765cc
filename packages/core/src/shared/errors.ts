/** A configuration problem that stops `createClient`; the message says what to fix. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError" as const;
}

/** An invalid settings document; `path` names the offending field (`projectsettings[0].experiments[2].variations`). */
export class SettingsError extends Error {
  override readonly name = "SettingsError" as const;
  /** The offending field (empty when the whole document is unusable). */
  readonly path: string;
  /** What is wrong with it. */
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(path ? `${path}: ${problem}` : problem);
    this.path = path;
    this.problem = problem;
  }
}
