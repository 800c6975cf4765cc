export {
  type ExampleConditionLeaf,
  type ExampleExperiment,
  type ExampleProject,
  type ExampleSettingsDocument,
  type ExampleVariation,
  exampleSettings,
} from "./fixtures/exampleSettings";
export {
  and,
  audience,
  documentOf,
  experiment,
  goal,
  type Json,
  leaf,
  or,
  project,
  variation,
} from "./fixtures/settingsBuilders";
export { type LocalServer, listenLocal } from "./http/listenLocal";
export { UA, Visitor } from "./http/Visitor";
export { postWebhook, webhookPayload } from "./http/webhook";
export { type LogLine, type RecordedLevel, RecordingLogger } from "./logging/RecordingLogger";
export {
  type FakePageSense,
  type FakePageSenseOptions,
  startPageSenseServer,
} from "./server/FakePageSense";
export type { EndpointGroup, Failure } from "./server/failures";
export type {
  AcceptedPayload,
  EventRequestRecord,
  ReceivedGoal,
  ReceivedSettingsQuery,
  ReceivedVisit,
  SettingsRequestRecord,
} from "./server/records";
export { waitFor } from "./server/waitFor";
