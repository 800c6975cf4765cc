/** An invalid settings document; `path` names the offending field (`projectsettings[0].experiments[2].variations`). */
export class SettingsError extends Error {
  declare readonly name: "SettingsError";
  /** The offending field (empty when the whole document is unusable). */
  declare readonly path: string;
  /** What is wrong with it. */
  declare readonly problem: string;

  constructor(path: string, problem: string) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = "SettingsError";
    this.path = path;
    this.problem = problem;
  }
}
