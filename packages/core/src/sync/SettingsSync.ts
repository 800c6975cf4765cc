import type { Notifier } from "../client/notifications";
import { messageOf } from "../logging/describe";
import type { LogSink } from "../logging/logger";
import type { Http } from "../runtime/http";
import { backoffDelay, type TimerHandle, type Timers } from "../runtime/timers";
import type { SettingsStore } from "../settings/SettingsStore";
import type { Stats } from "../stats/Stats";

/** Who is asking for settings: the `fpqd` block of the settings request. */
export interface SettingsCredentials {
  /** Portal (account) name: `a`. */
  portal: string;
  /** Account id as configured (`abcd1234-US`): `ai`. */
  accountId: string;
  /** SDK key: `sk`. */
  sdkKey: string;
  /** Project name: `pn`. */
  projectName: string;
}

/** The settings request of spec section 6: `GET .../updateprojectsettings?type=24&raw=<fpqd JSON>`. */
export function settingsUrl(baseUrl: string, c: SettingsCredentials): string {
  const raw = JSON.stringify({
    fpqd: { a: c.portal, ai: c.accountId, sk: c.sdkKey, pn: c.projectName },
  });
  return `${baseUrl}/psfullstacksdk/updateprojectsettings?type=24&raw=${encodeURIComponent(raw)}`;
}

/** Tuning of {@link SettingsSync}. */
export interface SyncOptions {
  url: string;
  /** Poll period, ms; 0 turns polling off. */
  pollingInterval: number;
  /** Webhook mode: no polling (refreshes come from `handleWebhook`). */
  webhook: boolean;
  /** Per-request timeout, ms. */
  requestTimeout: number;
  /** Receives each background refresh, so a serverless runtime keeps running until it is done. */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}

/** What a refresh did. */
export type RefreshOutcome = "updated" | "unchanged" | "failed";

/** Longest backoff between polls while the server keeps failing (settings loaded). */
const MAX_BACKOFF = 5 * 60_000;
/** First retry of a failed first load, ms (or `pollingInterval` when shorter). */
const FIRST_LOAD_RETRY = 1_000;
/**
 * Longest wait between attempts until the first settings arrive (or `pollingInterval` when
 * shorter): a client started during an outage is ready within this of the server's recovery.
 */
export const FIRST_LOAD_MAX_RETRY = 5_000;
/** A poll this late (ms past its due time) was cancelled by the runtime; the next call restarts it. */
const OVERDUE_GRACE = 1_000;

/**
 * Keeps a client's settings fresh: polls (sending the last version; HTTP 304 or the same
 * `x-current-project-version` means unchanged), backs off with jitter while the server fails, and
 * keeps the last good settings whenever a response is bad. Until the first load succeeds it
 * retries every few seconds at most ({@link FIRST_LOAD_MAX_RETRY}), even when polling is off.
 *
 * Runtimes that cancel timers between requests (Cloudflare Workers) or refuse them (a Worker's
 * module scope) are handled at the next read of the settings: an overdue or deferred poll is
 * started then, in the background (see {@link resumeIfOverdue}).
 */
export class SettingsSync {
  readonly #options: SyncOptions;
  readonly #http: Http;
  readonly #store: SettingsStore;
  readonly #timers: Timers;
  readonly #stats: Stats;
  readonly #log: LogSink;
  readonly #notifier: Notifier;
  #timer: TimerHandle | undefined;
  /** When the armed timer should fire (ms since epoch); undefined when none is armed. */
  #dueAt: number | undefined;
  #failures = 0;
  #running = false;
  /** The runtime refused a timer: the next read of the settings starts over. */
  #deferred = false;
  #webhook: boolean;
  #inFlight: Promise<RefreshOutcome> | undefined;

  constructor(
    options: SyncOptions,
    http: Http,
    store: SettingsStore,
    timers: Timers,
    stats: Stats,
    log: LogSink,
    notifier: Notifier,
  ) {
    this.#options = options;
    this.#http = http;
    this.#store = store;
    this.#timers = timers;
    this.#stats = stats;
    this.#log = log;
    this.#notifier = notifier;
    this.#webhook = options.webhook;
    store.onRead(() => this.resumeIfOverdue());
  }

  /**
   * Starts background refreshes: at once when no settings are loaded yet, else after one period.
   * Returns false when the runtime refuses timers here (a Worker's module scope): the first fetch
   * then happens at the first read of the settings.
   */
  start(): boolean {
    this.#running = true;
    if (!this.#arm()) return false;
    if (!this.#store.snapshot) this.#kick();
    return true;
  }

  /** Stops background refreshes. */
  stop(): void {
    this.#running = false;
    this.#deferred = false;
    this.#arm();
  }

  /** Webhook mode on (polling stops; retries of a failed first load go on) or off (polling resumes). */
  setWebhook(on: boolean): void {
    this.#webhook = on;
    this.#arm();
  }

  /**
   * Fetches settings now, sending the last project version, and applies new ones. Concurrent calls
   * share one request. Never rejects.
   */
  refresh(): Promise<RefreshOutcome> {
    this.#inFlight ??= this.#fetchAndApply().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /**
   * Restarts a poll the runtime cancelled (its due time is long past) or deferred, in the
   * background; the caller never waits. Cheap: one timestamp compare when a poll is armed.
   */
  resumeIfOverdue(): void {
    if (this.#deferred) {
      this.#deferred = false;
      if (this.#running) this.start();
      return;
    }
    const due = this.#dueAt;
    if (due === undefined || Date.now() <= due + OVERDUE_GRACE) return;
    this.#log.debug(
      "settings: the poll timer did not fire (cancelled by the runtime?); refreshing now",
    );
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#dueAt = undefined;
    this.#kick();
  }

  /** Refreshes in the background (handed to `waitUntil`), then arms the next poll. */
  #kick(): void {
    const work = this.refresh().finally(() => this.#arm());
    const { waitUntil } = this.#options;
    if (!waitUntil) return;
    try {
      waitUntil(work);
    } catch (error) {
      this.#log.debug(`settings: waitUntil refused the refresh: ${messageOf(error)}`);
    }
  }

  /** Arms the next poll or retry (or none); false when the runtime refused the timer. */
  #arm(): boolean {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#dueAt = undefined;
    const loaded = this.#store.snapshot !== null;
    const period = this.#options.pollingInterval;
    if (!this.#running || (loaded && (this.#webhook || period <= 0))) return true;
    const delay = this.#delay(loaded, period);
    try {
      this.#timer = this.#timers.after(
        delay,
        () => {
          this.#timer = undefined;
          this.#dueAt = undefined;
          this.#kick();
        },
        (error) => this.#log.error(`settings refresh failed: ${messageOf(error)}`),
      );
    } catch {
      this.#deferred = true;
      return false;
    }
    this.#dueAt = Date.now() + delay;
    return true;
  }

  /**
   * The wait before the next attempt: the period, with backoff while the server fails (up to 5
   * minutes once loaded; up to {@link FIRST_LOAD_MAX_RETRY} or the period until the first load).
   */
  #delay(loaded: boolean, period: number): number {
    const failures = this.#failures;
    if (loaded) {
      return failures
        ? Math.max(period, backoffDelay(failures, period, Math.max(MAX_BACKOFF, period)))
        : period;
    }
    const cap = period > 0 ? Math.min(period, FIRST_LOAD_MAX_RETRY) : FIRST_LOAD_MAX_RETRY;
    const base = Math.min(FIRST_LOAD_RETRY, cap);
    return failures ? Math.max(base, backoffDelay(failures, base, cap)) : base;
  }

  async #fetchAndApply(): Promise<RefreshOutcome> {
    const store = this.#store;
    this.#stats.settingsFetches++;
    const last = store.version;
    let step = "fetch failed";
    try {
      const headers: Record<string, string> = { accept: "application/json" };
      if (last !== undefined) headers["X-SDK-Project-Version"] = last;
      const res = await this.#http.request(this.#options.url, {
        method: "GET",
        headers,
        timeout: this.#options.requestTimeout,
      });
      const ok = res.status >= 200 && res.status < 300;
      const version = res.header("x-current-project-version") ?? undefined;
      if (res.status === 304 || (ok && version !== undefined && version === last)) {
        this.#failures = 0;
        this.#log.debug("settings: unchanged");
        return "unchanged";
      }
      if (!ok || !res.text.trim()) throw new Error(ok ? "empty response" : httpProblem(res.status));
      step = "rejected, the last good ones stay";
      store.apply(res.text, version);
    } catch (error) {
      this.#failures++;
      const why = store.snapshot ? "" : "; no settings yet, decisions give null";
      this.#notifier.report("settings", `settings ${step}: ${messageOf(error)}${why}`, { error });
      return "failed";
    }
    this.#failures = 0;
    this.#stats.settingsRefreshes++;
    return "updated";
  }
}

/** An HTTP failure status, with what to check when it means the credentials were refused. */
function httpProblem(status: number): string {
  return status === 401 || status === 403
    ? `HTTP ${status}: PageSense refused the credentials; check sdkKey / accountId / projectName (from PageSense's SDK settings)`
    : `HTTP ${status}`;
}

/** Creates the {@link SettingsSync} of a client. */
export function createSettingsSync(
  options: SyncOptions,
  http: Http,
  store: SettingsStore,
  timers: Timers,
  stats: Stats,
  log: LogSink,
  notifier: Notifier,
): SettingsSync {
  return new SettingsSync(options, http, store, timers, stats, log, notifier);
}
