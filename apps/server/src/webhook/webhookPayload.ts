import type { ProjectSettings, WebhookPayload } from "@pagesense/core";

/** The `EventName` the local server sends: settings changed, as when PageSense relaunches an experiment. */
export const WEBHOOK_EVENT_NAME = "ExperimentRelaunched";

/** "yyyy-MM-dd HH:mm:ss" in UTC. */
export function formatWebhookTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

/**
 * The webhook body for a settings change (spec section 6). `EnvironmentName` is that of the first
 * experiment whose settings changed (or was added), else of the first experiment, else
 * "Production".
 */
export function webhookPayload(
  previous: ProjectSettings,
  current: ProjectSettings,
  now: Date,
): WebhookPayload {
  const before = new Map(previous.experiments.map((e) => [e.experiment_key, JSON.stringify(e)]));
  const changed = current.experiments.find(
    (e) => before.get(e.experiment_key) !== JSON.stringify(e),
  );
  const environment =
    changed?.environment_name || current.experiments[0]?.environment_name || "Production";
  return {
    ProjectName: current.project_name,
    AccountName: current.portal_name,
    EnvironmentName: environment,
    EventName: WEBHOOK_EVENT_NAME,
    LastModifiedTime: formatWebhookTime(now),
  };
}
