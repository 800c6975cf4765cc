import { messageOf } from "../logging/describe";
import type { SafeLogger } from "../logging/logger";
import type { Notifier } from "../notifications/Notifier";
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

/** Tuning of {@link createSettingsSync}. */
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

/** Keeps a client's settings fresh (see {@link createSettingsSync}). */
export interface SettingsSync {
  /** Starts background refreshes; the first runs after one period (or soon, when not loaded yet). */
  start(): void;
  /** Stops background refreshes. */
  stop(): void;
  /** Webhook mode on (polling stops; retries of a failed first load go on) or off (polling resumes). */
  setWebhook(on: boolean): void;
  /**
   * Fetches settings now, sending the last project version, and applies new ones. Concurrent calls
   * share one request. Never rejects.
   */
  refresh(): Promise<RefreshOutcome>;
}

const MAX_BACKOFF = 5 * 60_000;
const FIRST_LOAD_RETRY = 1_000;

/**
 * Keeps the settings fresh: polls (sending the last version; HTTP 304 or the same
 * `x-current-project-version` means unchanged), backs off with jitter while the server fails, and
 * keeps the last good settings whenever a response is bad. Until the first load succeeds it
 * retries even when polling is off.
 */
export function createSettingsSync(
  options: SyncOptions,
  http: Http,
  store: SettingsStore,
  timers: Timers,
  stats: Stats,
  log: SafeLogger,
  notifier: Notifier,
): SettingsSync {
  let timer: TimerHandle | undefined;
  let failures = 0;
  let running = false;
  let webhook = options.webhook;
  let inFlight: Promise<RefreshOutcome> | undefined;

  const fetchAndApply = async (): Promise<RefreshOutcome> => {
    stats.settingsFetches++;
    const last = store.version;
    let step = "fetch failed";
    try {
      const headers: Record<string, string> = { accept: "application/json" };
      if (last !== undefined) headers["X-SDK-Project-Version"] = last;
      const res = await http.request(options.url, {
        method: "GET",
        headers,
        timeout: options.requestTimeout,
      });
      const ok = res.status >= 200 && res.status < 300;
      const version = res.header("x-current-project-version") ?? undefined;
      if (res.status === 304 || (ok && version !== undefined && version === last)) {
        failures = 0;
        log.debug("settings: unchanged");
        return "unchanged";
      }
      if (!ok || !res.text.trim()) throw new Error(ok ? "empty response" : `HTTP ${res.status}`);
      step = "rejected, the last good ones stay";
      store.apply(res.text, version);
    } catch (error) {
      failures++;
      const why = store.index ? "" : "; no settings yet, decisions give null";
      notifier.report("settings", `settings ${step}: ${messageOf(error)}${why}`, { error });
      return "failed";
    }
    failures = 0;
    stats.settingsRefreshes++;
    return "updated";
  };

  const refresh = (): Promise<RefreshOutcome> => {
    inFlight ??= fetchAndApply().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const schedule = (): void => {
    timer?.cancel();
    timer = undefined;
    const loaded = store.index !== null;
    const period = options.pollingInterval;
    if (!running || (loaded && (webhook || period <= 0))) return;
    const base = loaded ? period : FIRST_LOAD_RETRY;
    const delay = failures
      ? Math.max(base, backoffDelay(failures, base, Math.max(MAX_BACKOFF, base)))
      : base;
    timer = timers.after(
      delay,
      () => {
        timer = undefined;
        void refresh().finally(schedule);
      },
      (error) => log.error(`settings refresh failed: ${messageOf(error)}`),
    );
  };

  return {
    start() {
      running = true;
      schedule();
    },
    stop() {
      running = false;
      schedule();
    },
    setWebhook(on) {
      webhook = on;
      schedule();
    },
    refresh,
  };
}
