/** Longest name or value quoted in a settings warning or error; longer ones are cut. */
const MAX_QUOTED = 80;
/** Warnings listed one by one; the rest are counted in one closing line. */
const MAX_LINES = 20;
/** Repeated names listed one by one per kind (experiment, goal, audience). */
const MAX_REPEATED_NAMES = 3;

/** `text` cut to a readable length for a log line or an error message. */
export function clip(text: string, max = MAX_QUOTED): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/**
 * The problems found while compiling settings, kept bounded: at most {@link MAX_LINES} lines, a
 * summary line with the count of the rest, and names repeated many times summarised per kind. A
 * hostile or broken document of any size gives a handful of short lines.
 */
export class SettingsWarnings {
  readonly #lines: string[] = [];
  #dropped = 0;
  /** kind → name → how many times it is defined. */
  readonly #repeats = new Map<string, Map<string, number>>();

  /** Adds one warning. */
  add(message: string): void {
    if (this.#lines.length < MAX_LINES) this.#lines.push(clip(message, 2 * MAX_QUOTED));
    else this.#dropped++;
  }

  /** Notes that a `kind` named `name` appears again (the first definition is kept). */
  repeated(kind: string, name: string): void {
    const names = this.#repeats.get(kind) ?? new Map<string, number>();
    this.#repeats.set(kind, names);
    names.set(name, (names.get(name) ?? 1) + 1);
  }

  /** The warnings, bounded. */
  list(): string[] {
    const warnings: string[] = [];
    for (const [kind, names] of this.#repeats) {
      let shown = 0;
      let extra = 0;
      for (const [name, count] of names) {
        if (shown++ < MAX_REPEATED_NAMES) {
          const times = count === 2 ? "twice" : `${count} times`;
          warnings.push(`${kind} "${clip(name)}" is defined ${times}; the first is used`);
        } else extra += count - 1;
      }
      const rest = names.size - MAX_REPEATED_NAMES;
      if (rest > 0)
        warnings.push(
          `${rest} more ${kind} names are defined more than once (${extra} repeated definitions ignored); the first of each is used`,
        );
    }
    warnings.push(...this.#lines);
    if (this.#dropped) warnings.push(`${this.#dropped} more settings warnings not shown`);
    return warnings;
  }
}
