import { messageOf } from "../logging/describe";
import type { WebhookRequest, WebhookResponse } from "../sync/webhook";
import { constantTimeEqual, headerValue, parseWebhookPayload } from "../sync/webhook";
import { PageSenseClient } from "./PageSenseClient";

export type { ClientParts } from "./PageSenseClient";

/**
 * A PageSense client for one project, as `createClient` returns it on servers: the operations of
 * {@link PageSenseClient} plus webhook handling. Every operation resolves (never rejects, never
 * throws): bad input or a failure is logged and gives `null` or does nothing.
 */
export class WebhookClient extends PageSenseClient {
  /** Webhook mode on: polling stops; refreshes come from {@link handleWebhook}. */
  enableWebhookUpdates(): void {
    this.parts.sync?.setWebhook(true);
  }

  /** Webhook mode off: polling resumes. */
  disableWebhookUpdates(): void {
    this.parts.sync?.setWebhook(false);
  }

  /**
   * Handles PageSense's webhook call: checks the `X-OAuth-Token` header against `token` (in
   * constant time) and the payload, then refreshes the settings. Answers 200 when the refresh ran,
   * 401 for a wrong token, 400 for a bad body, 503 when the refresh failed (PageSense retries).
   * A call for another project is answered 200 and ignored. Never rejects.
   */
  async handleWebhook(
    request: WebhookRequest,
    options: { token: string },
  ): Promise<WebhookResponse> {
    const { log, sync } = this.parts;
    try {
      if (typeof options?.token !== "string" || options.token === "") {
        log.error(
          "handleWebhook: no token configured; set the secret you entered in PageSense's webhook settings",
        );
        return { status: 500, message: "webhook token not configured" };
      }
      log.addSecret(options.token);
      const given = headerValue(request?.headers ?? {}, "x-oauth-token");
      if (given === undefined || !constantTimeEqual(given, options.token)) {
        log.warn("handleWebhook: missing or wrong X-OAuth-Token; ignored");
        return { status: 401, message: "invalid token" };
      }
      const payload = parseWebhookPayload(request.body);
      if (typeof payload === "string") {
        log.warn(`handleWebhook: bad payload: ${payload}; ignored`);
        return { status: 400, message: payload };
      }
      const project = this.parts.store.index?.project.project_name;
      if (project !== undefined && payload.ProjectName !== project) {
        log.info(
          `handleWebhook: call for project "${payload.ProjectName}", not "${project}"; ignored`,
        );
        return { status: 200, message: "ignored: another project" };
      }
      if (!sync || this.closed)
        return { status: 503, message: "this client does not fetch settings" };
      log.info(
        `handleWebhook: "${payload.EventName}" on "${payload.ProjectName}" at ${payload.LastModifiedTime}; refreshing settings`,
      );
      const outcome = await sync.refresh();
      if (outcome === "failed") return { status: 503, message: "settings refresh failed" };
      return {
        status: 200,
        message: outcome === "updated" ? "settings updated" : "settings unchanged",
      };
    } catch (error) {
      log.error(`handleWebhook: unexpected error: ${messageOf(error)}`);
      return { status: 500, message: "internal error" };
    }
  }
}
