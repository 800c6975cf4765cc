export { createTestClient, type TestClientOptions } from "./createTestClient";
export {
  type RecordedEvent,
  type RecordedGoal,
  type RecordedVisit,
  TestClient,
} from "./TestClient";
