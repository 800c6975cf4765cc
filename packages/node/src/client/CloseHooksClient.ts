import { messageOf, WebhookClient } from "@pagesense/core";

/**
 * The client `@pagesense/node` returns: core's server client, plus work the Node layer finishes
 * when it closes (settings-file writes, signal registration). Its API is `WebhookClient`'s.
 */
export class CloseHooksClient extends WebhookClient {
  private readonly closeHooks: Array<() => void | Promise<void>> = [];
  private nodeClosing: Promise<void> | undefined;

  /** Runs `hook` once the client has closed (after queued events were delivered). */
  afterClose(hook: () => void | Promise<void>): void {
    this.closeHooks.push(hook);
  }

  /** Delivers queued events, stops background work, then finishes the Node layer's own work. */
  override close(): Promise<void> {
    this.nodeClosing ??= super.close().then(async () => {
      for (const hook of this.closeHooks) {
        try {
          await hook();
        } catch (error) {
          this.parts.log.error(`close: ${messageOf(error)}`);
        }
      }
    });
    return this.nodeClosing;
  }
}
