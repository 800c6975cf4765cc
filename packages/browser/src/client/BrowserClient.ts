import {
  type Attributes,
  ClientBase,
  type ClientParts,
  type ClientStats,
  UserContext,
} from "@pagesense/core";
import type { EventOutbox } from "../delivery/EventOutbox";

/** `getStats()` of a browser client: core's counters plus the events kept in `localStorage`. */
export interface BrowserClientStats extends ClientStats {
  /** Events this page could not deliver and kept in localStorage for the next page load. */
  eventsStored: number;
  /** Events taken back from localStorage (kept by an earlier page) and queued again. */
  eventsRestored: number;
}

/**
 * A PageSense client in the browser: every operation of the core client, plus `visitor`, the
 * operations bound to this browser's visitor id and detected attributes.
 */
export class BrowserClient extends ClientBase {
  /** The visitor's operations: `client.visitor.activateExperiment("PricingTest")`. */
  readonly visitor: UserContext;
  private detach: () => void = () => {};

  constructor(
    parts: ClientParts,
    /** The id decisions and events use for this visitor (persistent, or the one passed in). */
    readonly visitorId: string,
    /** Attributes of this visitor: detected Browser, OS and Device under the ones passed in. */
    readonly attributes: Attributes,
    private readonly outbox: EventOutbox,
  ) {
    super(parts);
    this.visitor = new UserContext(this, visitorId, attributes);
  }

  /** @internal Sets what `close()` undoes (the page listeners). */
  onClose(detach: () => void): void {
    this.detach = detach;
  }

  override getStats(): BrowserClientStats {
    return {
      ...super.getStats(),
      eventsStored: this.outbox.stored,
      eventsRestored: this.outbox.restored,
    };
  }

  override close(): Promise<void> {
    this.detach();
    return super.close();
  }
}
