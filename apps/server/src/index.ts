export { type CliCommand, parseCommandLine, USAGE } from "./cli/parseArgs";
export { type EventFlag, flagRecord } from "./events/flagRecord";
export { createLogger, type LogDestination, type Logger, type LogLevel } from "./logging/logger";
export { buildReport, listExperiments, REPORT_METHOD } from "./report/buildReport";
export {
  CONFIDENCE_LEVEL,
  criticalValue,
  twoProportionZTest,
  wilsonInterval,
  type ZTestResult,
} from "./report/statistics";
export type * from "./report/types";
export { type LoadedSettings, parseSettings } from "./settings/LoadedSettings";
export { type CatalogExperiment, type LinkedGoal, ProjectCatalog } from "./settings/ProjectCatalog";
export {
  DEFAULT_SETTINGS_FILE,
  type RunningServer,
  SERVER_DEFAULTS,
  type ServerOptions,
  startServer,
} from "./startServer";
export { DATABASE_FILE } from "./storage/openDatabase";
export { formatWebhookTime, WEBHOOK_EVENT_NAME, webhookPayload } from "./webhook/webhookPayload";
