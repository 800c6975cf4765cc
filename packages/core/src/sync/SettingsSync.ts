import type { Notifier } from "../client/notifications";
import type { LogSink } from "../logging/logger";
import type { Http } from "../runtime/http";
import { backoffDelay, type TimerHandle, type Timers } from "../runtime/timers";
import { SettingsError } from "../settings/SettingsError";
import type { SettingsStore } from "../settings/SettingsStore";
import type { Stats } from "../stats/Stats";
import { fetchSettings } from "./SettingsFetcher";

/** Tuning of {@link SettingsSync}. */
export interface SyncOptions {
  url: string;
  /** Poll period, ms; 0 turns polling off. */
  pollingInterval: number;
  /** Webhook mode: no polling (refreshes come from `handleWebhook`). */
  webhook: boolean;
  /** Per-request timeout, ms. */
  requestTimeout: number;
}

/** What a refresh did. */
export type RefreshOutcome = "updated" | "unchanged" | "failed";

const MAX_BACKOFF = 5 * 60_000;
const FIRST_LOAD_RETRY = 1_000;

/**
 * Keeps the settings fresh: polls (sending the last version), backs off with jitter while the
 * server fails, and keeps the last good settings whenever a response is bad. Until the first
 * load succeeds it retries even when polling is off.
 */
export class SettingsSync {
  private timer: TimerHandle | undefined;
  private failures = 0;
  private running = false;
  private webhook: boolean;
  private inFlight: Promise<RefreshOutcome> | undefined;

  constructor(
    private readonly options: SyncOptions,
    private readonly http: Http,
    private readonly store: SettingsStore,
    private readonly timers: Timers,
    private readonly stats: Stats,
    private readonly log: LogSink,
    private readonly notifier: Notifier,
  ) {
    this.webhook = options.webhook;
  }

  /** Whether webhook mode is on (polling off). */
  get webhookMode(): boolean {
    return this.webhook;
  }

  /** Starts background refreshes; the first runs after one period (or soon, when not loaded yet). */
  start(): void {
    this.running = true;
    this.schedule();
  }

  /** Stops background refreshes. */
  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Webhook mode on: polling stops (retries of a failed first load go on). */
  enableWebhook(): void {
    this.webhook = true;
    this.schedule();
  }

  /** Webhook mode off: polling resumes. */
  disableWebhook(): void {
    this.webhook = false;
    this.schedule();
  }

  /**
   * Fetches settings now; resolves true when new settings were applied. Concurrent calls share
   * one request. Never rejects.
   */
  async refresh(): Promise<boolean> {
    return (await this.refreshOutcome()) === "updated";
  }

  /** Like {@link refresh}, telling apart unchanged settings from a failed fetch. */
  refreshOutcome(): Promise<RefreshOutcome> {
    this.inFlight ??= this.fetchAndApply().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchAndApply(): Promise<RefreshOutcome> {
    this.stats.settingsFetches++;
    const result = await fetchSettings(
      this.http,
      this.options.url,
      this.store.version,
      this.options.requestTimeout,
    );
    if (result.kind === "unchanged") {
      this.failures = 0;
      this.log.debug("settings: unchanged");
      return "unchanged";
    }
    if (result.kind === "failed") return this.fail(`settings fetch failed: ${result.message}`);
    try {
      this.store.apply(result.document, result.version);
    } catch (error) {
      const why = error instanceof SettingsError ? error.message : String(error);
      return this.fail(`settings rejected, keeping the last good settings: ${why}`, error);
    }
    this.failures = 0;
    this.stats.settingsRefreshes++;
    return "updated";
  }

  private fail(message: string, error?: unknown): "failed" {
    this.failures++;
    const loaded = this.store.index !== null;
    this.log.error(`${message}${loaded ? "" : " (no settings yet: decisions return null)"}`);
    this.stats.error(message);
    this.notifier.emit("error", { source: "settings", message, error });
    return "failed";
  }

  private schedule(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (!this.running) return;
    const loaded = this.store.index !== null;
    const polling = !this.webhook && this.options.pollingInterval > 0;
    if (loaded && !polling) return;
    const base = loaded ? this.options.pollingInterval : FIRST_LOAD_RETRY;
    const delay =
      this.failures === 0
        ? base
        : Math.max(base, backoffDelay(this.failures, base, Math.max(MAX_BACKOFF, base)));
    this.timer = this.timers.after(
      delay,
      () => {
        this.timer = undefined;
        void this.refresh().finally(() => this.schedule());
      },
      (e) => this.log.error(`settings refresh failed: ${String(e)}`),
    );
  }
}
