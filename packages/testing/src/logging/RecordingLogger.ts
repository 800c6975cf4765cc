/** The levels a PageSense logger receives (the SDK's `LogLevel` without `OFF`). */
export type RecordedLevel = "FATAL" | "ERROR" | "WARNING" | "INFO" | "DEBUG" | "TRACE";

/** One log line received by a {@link RecordingLogger}. */
export interface LogLine {
  level: RecordedLevel;
  message: string;
}

/**
 * A custom logger (the SDK's `logger` option) that keeps every line, for assertions: the one
 * recording logger of every package's tests. Typed structurally, so this package needs no
 * dependency on `@pagesense/core`.
 */
export class RecordingLogger {
  readonly lines: LogLine[] = [];

  log(level: RecordedLevel, message: string): void {
    this.lines.push({ level, message });
  }

  /** Messages at `level`. */
  at(level: RecordedLevel): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }

  /** Lines whose message contains every one of `parts`. */
  matching(...parts: string[]): LogLine[] {
    return this.lines.filter((l) => parts.every((p) => l.message.includes(p)));
  }

  /** Every line as `LEVEL message`, in order. */
  texts(): string[] {
    return this.lines.map((l) => `${l.level} ${l.message}`);
  }

  /** {@link texts} joined by newlines. */
  text(): string {
    return this.texts().join("\n");
  }

  /** Forgets every line. */
  clear(): void {
    this.lines.length = 0;
  }
}
