import type { WebhookPayload } from "@pagesense/core";
import { messageOf } from "@pagesense/core/internal";
import type { Logger } from "../logging/logger";

/** Where and how to call the app's webhook. */
export interface WebhookOptions {
  url: string;
  /** Sent as `X-OAuth-Token`. */
  token: string;
  /** Wait between attempts (ms); PageSense: 30 s. */
  retryIntervalMs: number;
  /** Attempts are made at first + k × retryIntervalMs while that is within this window (ms); PageSense: 15 min. */
  retryWindowMs: number;
  /** Timeout of one attempt (ms). */
  timeoutMs: number;
}

interface Delivery {
  payload: WebhookPayload;
  startedAt: number;
  attempt: number;
  timer: NodeJS.Timeout | undefined;
  controller: AbortController;
}

/**
 * Calls the app's webhook like PageSense: `POST` JSON with `X-OAuth-Token`; a non-2xx answer or a
 * network error is retried on a fixed schedule, every `retryIntervalMs` after the first attempt,
 * for `retryWindowMs` (30 s for 15 min: 31 attempts). A newer change supersedes
 * a delivery still retrying (the app refetches the latest settings either way).
 */
export class WebhookNotifier {
  private current: Delivery | undefined;
  private closed = false;

  constructor(
    private readonly options: WebhookOptions,
    private readonly logger: Logger,
  ) {}

  /** Starts delivering `payload`, cancelling any delivery in progress. */
  notify(payload: WebhookPayload): void {
    if (this.closed) return;
    if (this.current) {
      this.logger.info(
        { url: this.options.url, attempts: this.current.attempt },
        "webhook delivery superseded by a newer settings change",
      );
      this.cancel(this.current);
    }
    const delivery: Delivery = {
      payload,
      startedAt: Date.now(),
      attempt: 0,
      timer: undefined,
      controller: new AbortController(),
    };
    this.current = delivery;
    void this.attempt(delivery);
  }

  /** Stops retrying; a pending delivery is abandoned (and logged). */
  close(): void {
    this.closed = true;
    if (this.current) {
      this.logger.warn(
        { url: this.options.url, attempts: this.current.attempt },
        "webhook delivery abandoned: server closing",
      );
      this.cancel(this.current);
      this.current = undefined;
    }
  }

  private cancel(delivery: Delivery): void {
    if (delivery.timer) clearTimeout(delivery.timer);
    delivery.controller.abort();
  }

  private async attempt(delivery: Delivery): Promise<void> {
    delivery.attempt++;
    const { url, token, timeoutMs } = this.options;
    let outcome: string;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "X-OAuth-Token": token },
        body: JSON.stringify(delivery.payload),
        signal: AbortSignal.any([delivery.controller.signal, AbortSignal.timeout(timeoutMs)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        if (this.current === delivery) this.current = undefined;
        this.logger.info(
          { url, status: res.status, attempt: delivery.attempt, event: delivery.payload.EventName },
          "webhook delivered",
        );
        return;
      }
      outcome = `HTTP ${res.status}`;
    } catch (error) {
      if (delivery.controller.signal.aborted) return;
      outcome = messageOf(error);
    }
    if (this.current !== delivery) return;
    const { retryIntervalMs, retryWindowMs } = this.options;
    // Attempts keep PageSense's fixed schedule: first + k × interval, while within the window.
    const nextOffset = delivery.attempt * retryIntervalMs;
    if (nextOffset > retryWindowMs) {
      this.current = undefined;
      this.logger.error(
        { url, attempts: delivery.attempt, reason: outcome },
        `webhook failed (${outcome}); giving up after ${delivery.attempt} attempts`,
      );
      return;
    }
    const delay = Math.max(0, delivery.startedAt + nextOffset - Date.now());
    this.logger.warn(
      { url, attempt: delivery.attempt, reason: outcome, retryInMs: delay },
      `webhook failed (${outcome}); retrying`,
    );
    delivery.timer = setTimeout(() => void this.attempt(delivery), delay);
  }
}
