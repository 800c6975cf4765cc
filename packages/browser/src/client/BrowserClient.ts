import {
  type ClientStats,
  PageSenseClient,
  type UserAttributes,
  UserContext,
} from "@pagesense/core";
import type { ClientParts } from "@pagesense/core/internal";
import type { EventOutbox } from "../delivery/EventOutbox";
import { onPageLifecycle } from "../delivery/pageLifecycle";

/** `getStats()` of a browser client: core's counters plus the events kept in `localStorage`. */
export interface BrowserClientStats extends ClientStats {
  /** Events this page could not deliver and kept in localStorage for the next page load. */
  eventsStored: number;
  /** Events taken back from localStorage (kept by an earlier page) and queued again. */
  eventsRestored: number;
}

/**
 * A PageSense client in the browser: every operation of the core client, plus `visitor`, the
 * operations bound to this browser's visitor id and detected attributes. It sends what is queued
 * when the page is hidden (a final flush, by beacon), and queues again the events an earlier page
 * kept in its outbox, at start and whenever the page is shown again.
 */
export class BrowserClient extends PageSenseClient {
  /** The visitor's operations: `client.visitor.activateExperiment("PricingTest")`. */
  readonly visitor: UserContext;
  /** The id decisions and events use for this visitor (persistent, or the one passed in). */
  readonly visitorId: string;
  /** Attributes of this visitor: detected Browser, OS and Device under the ones passed in. */
  readonly attributes: UserAttributes;
  readonly #outbox: EventOutbox;
  readonly #detach: () => void;

  constructor(
    parts: ClientParts,
    visitorId: string,
    attributes: UserAttributes,
    outbox: EventOutbox,
  ) {
    super(parts);
    const { sink } = parts;
    const restore = () => {
      for (const e of outbox.take()) sink.enqueue(e);
    };
    restore();
    this.visitorId = visitorId;
    this.attributes = attributes;
    this.#outbox = outbox;
    this.visitor = new UserContext(this, visitorId, attributes);
    this.#detach = onPageLifecycle(() => sink.flushFinal?.(), restore);
  }

  override getStats(): BrowserClientStats {
    const { stored, restored } = this.#outbox;
    return { ...super.getStats(), eventsStored: stored, eventsRestored: restored };
  }

  override close(): Promise<void> {
    this.#detach();
    return super.close();
  }
}
