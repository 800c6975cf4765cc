/** An invalid settings document; `path` names the offending field (`projectsettings[0].experiments[2].variations`). */
export class SettingsError extends Error {
  override readonly name = "SettingsError";

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
  }
}
