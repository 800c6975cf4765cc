/** The endpoint groups a failure can be injected into: settings, or both event endpoints. */
export type EndpointGroup = "settings" | "events";

/**
 * How an endpoint misbehaves:
 * - `{ status }`: answers with that HTTP status (and a small JSON error body);
 * - `{ garbage: true }`: answers 200 with a body that is not JSON;
 * - `{ invalidDocument: true }`: (settings) answers 200 with JSON that is not a valid settings
 *   document, under a new version header; for events it acts like `garbage`;
 * - `{ hang: true }`: never answers (the connection stays open until the client gives up or the
 *   server goes down), for timeout tests.
 *
 * `times` limits the failure to the next N requests; without it, it lasts until cleared.
 */
export type Failure =
  | { status: number; times?: number }
  | { garbage: true; times?: number }
  | { invalidDocument: true; times?: number }
  | { hang: true; times?: number };

/** The behaviour chosen for one request. */
export type FailureAction =
  | { type: "status"; status: number }
  | { type: "garbage" }
  | { type: "invalid-document" }
  | { type: "hang" };

interface Armed {
  action: FailureAction;
  remaining: number;
}

function toAction(failure: Failure): FailureAction {
  if ("status" in failure) {
    if (!Number.isInteger(failure.status) || failure.status < 100 || failure.status > 599) {
      throw new RangeError(`fail(): status must be an HTTP status code, got ${failure.status}`);
    }
    return { type: "status", status: failure.status };
  }
  if ("garbage" in failure) return { type: "garbage" };
  if ("invalidDocument" in failure) return { type: "invalid-document" };
  if ("hang" in failure) return { type: "hang" };
  throw new TypeError(
    "fail(): unknown failure; use { status }, { garbage }, { invalidDocument } or { hang }",
  );
}

/** Per endpoint group, the failure to apply to the next requests (one at a time, last set wins). */
export class FailureInjector {
  private readonly armed = new Map<EndpointGroup, Armed>();

  /** Arms `failure` for `group`, replacing any earlier one. */
  set(group: EndpointGroup, failure: Failure): void {
    const times = failure.times;
    if (times !== undefined && (!Number.isInteger(times) || times < 1)) {
      throw new RangeError(`fail(): times must be a positive integer, got ${times}`);
    }
    this.armed.set(group, {
      action: toAction(failure),
      remaining: times ?? Number.POSITIVE_INFINITY,
    });
  }

  /** Clears the failure of `group`, or of every group. */
  clear(group?: EndpointGroup): void {
    if (group) this.armed.delete(group);
    else this.armed.clear();
  }

  /** The failure for this request of `group` (consuming one of its `times`), or null. */
  take(group: EndpointGroup): FailureAction | null {
    const armed = this.armed.get(group);
    if (!armed) return null;
    armed.remaining--;
    if (armed.remaining <= 0) this.armed.delete(group);
    return armed.action;
  }
}
