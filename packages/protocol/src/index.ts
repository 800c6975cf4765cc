export { type ParsedEventBody, parseEventBody } from "./parseEventBody";
export { type EventRequest, eventRequestText, parseEventRequest } from "./parseEventRequest";
export { type ParsedSettingsRequest, parseSettingsRequest } from "./parseSettingsRequest";
export {
  CURRENT_VERSION_HEADER,
  type Endpoint,
  EVENT_ENDPOINTS,
  type EventKind,
  endpointOf,
  PROJECT_VERSION_HEADER,
  SETTINGS_ENDPOINT,
} from "./paths";
export { parseJson, type QueryParams } from "./query";
export type {
  GoalPayload,
  GoalRecord,
  SettingsQuery,
  VisitPayload,
  VisitRecord,
  WireAttribute,
} from "./types";
