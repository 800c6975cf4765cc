import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "@pagesense/testing";
import { afterAll, afterEach } from "vitest";
import {
  DEFAULT_SETTINGS_FILE,
  type RunningServer,
  type ServerOptions,
  startServer,
} from "../../src";

/** A JSON log line as the server writes it. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

/** A temp directory with the default settings copied in, a data dir, and captured logs. */
export class Sandbox {
  dir = "";
  settingsFile = "";
  dataDir = "";
  readonly logs: LogLine[] = [];
  private readonly servers = new Set<RunningServer>();

  constructor() {
    this.prepare();
  }

  /** Closes everything started here and starts over in a new directory, with no logs. */
  async reset(): Promise<void> {
    await this.dispose();
    this.logs.length = 0;
    this.prepare();
  }

  private prepare(): void {
    this.dir = mkdtempSync(join(tmpdir(), "pagesense-server-"));
    this.settingsFile = join(this.dir, "settings.json");
    this.dataDir = join(this.dir, "data");
    copyFileSync(DEFAULT_SETTINGS_FILE, this.settingsFile);
  }

  /** The default settings document, parsed (for editing). */
  static defaultSettings(): DefaultDocument {
    return JSON.parse(readFileSync(DEFAULT_SETTINGS_FILE, "utf8")) as DefaultDocument;
  }

  /** Writes the settings file (an object is serialised as JSON). */
  writeSettings(document: unknown): void {
    writeFileSync(
      this.settingsFile,
      typeof document === "string" ? document : JSON.stringify(document, null, 2),
    );
  }

  /** Starts a server on a free port over this sandbox's settings and data, with fast file watching. */
  async start(options: ServerOptions = {}): Promise<RunningServer> {
    const server = await startServer({
      port: 0,
      settings: this.settingsFile,
      data: this.dataDir,
      watchDebounce: 20,
      pollInterval: 50,
      logDestination: { write: (line: string) => this.logs.push(JSON.parse(line) as LogLine) },
      ...options,
    });
    this.servers.add(server);
    return server;
  }

  /** Log lines whose message contains `text`. */
  logged(text: string): LogLine[] {
    return this.logs.filter((l) => l.msg.includes(text));
  }

  /** Waits until a line containing `text` is logged and returns it. */
  waitForLog(text: string, timeoutMs = 5_000): Promise<LogLine> {
    return waitFor(() => this.logged(text)[0], timeoutMs);
  }

  /** Closes every server started here (close is idempotent) and deletes the directory. */
  async dispose(): Promise<void> {
    await Promise.all([...this.servers].map((s) => s.close()));
    this.servers.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The sandbox of the file's tests: each test gets a new directory, fresh logs and no servers
 * (reset after each test, removed after the last). The file's own `afterEach` hooks run first.
 */
export function useSandbox(): Sandbox {
  const sandbox = new Sandbox();
  afterEach(() => sandbox.reset());
  afterAll(() => sandbox.dispose());
  return sandbox;
}

/** The shape of the bundled settings, loosely typed for edits in tests. */
export interface DefaultDocument {
  projectsettings: Array<
    Record<string, unknown> & {
      experiments: Array<Record<string, unknown> & { variations: Record<string, unknown>[] }>;
      goals: Record<string, unknown>[];
    }
  >;
}
