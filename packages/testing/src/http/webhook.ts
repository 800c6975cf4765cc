/** A webhook call's body as PageSense sends it (spec section 7), for the "Shop" project. */
export function webhookPayload(): Record<string, string> {
  return {
    ProjectName: "Shop",
    AccountName: "demo",
    EnvironmentName: "Production",
    EventName: "Experiment relaunched",
    LastModifiedTime: "2026-01-15 10:30:00",
  };
}

/**
 * POSTs `body` (JSON text, sent as is) to a webhook endpoint the way PageSense calls it, with
 * `token` in `X-OAuth-Token` (no header when null).
 */
export function postWebhook(url: string, body: string, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers["x-oauth-token"] = token;
  return fetch(url, { method: "POST", headers, body });
}
