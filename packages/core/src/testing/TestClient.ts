import type { ClientParts } from "../client/PageSenseClient";
import { WebhookClient } from "../client/WebhookClient";
import type { MemoryEventSink } from "../events/MemoryEventSink";
import type { TrackingEvent } from "../events/types";
import type { SettingsDocument } from "../settings/types";

/** A visit or a goal a {@link TestClient} recorded, by name rather than by PageSense key. */
export interface RecordedEvent {
  kind: "visit" | "goal";
  userId: string;
  experimentName: string;
  variationName: string;
  /** Goals only. */
  goalName?: string;
  /** Goals tracked with a revenue only. */
  revenue?: number;
  /** The attributes sent with the event (what report segments use). */
  attributes: Record<string, string>;
}

/** A recorded visit (`activateExperiment`). */
export type RecordedVisit = RecordedEvent & { kind: "visit" };

/** A recorded conversion (`trackGoal`). */
export type RecordedGoal = RecordedEvent & { kind: "goal"; goalName: string };

/**
 * The client `createTestClient` returns: a real client of the class core's `createClient` returns
 * (same type and operations, so code that takes the client takes this one) whose events stay in memory, plus
 * helpers to assert on them. Nothing is sent anywhere.
 */
export class TestClient extends WebhookClient {
  readonly #sink: MemoryEventSink;
  /** experiment_key → name, variation_key → name, goal_link_name → name. */
  readonly #names: Map<string, string>;

  constructor(parts: ClientParts, sink: MemoryEventSink, settings: SettingsDocument) {
    super(parts);
    this.#sink = sink;
    this.#names = new Map();
    for (const project of settings.projectsettings) {
      for (const e of project.experiments) {
        this.#names.set(e.experiment_key, e.experiment_name);
        for (const v of e.variations) this.#names.set(v.variation_key, v.variation_name);
      }
      for (const g of project.goals) this.#names.set(g.goal_link_name, g.goal_name);
    }
  }

  /** Every visit and goal recorded since the start (or the last {@link reset}), in order. */
  events(): RecordedEvent[] {
    return this.#sink.events.map((e) => this.#describe(e));
  }

  /** The visits recorded, of one experiment when `experimentName` is given. */
  visits(experimentName?: string): RecordedVisit[] {
    return this.events().filter(
      (e): e is RecordedVisit =>
        e.kind === "visit" && (experimentName === undefined || e.experimentName === experimentName),
    );
  }

  /** The conversions recorded, of one goal when `goalName` is given. */
  goals(goalName?: string): RecordedGoal[] {
    return this.events().filter(
      (e): e is RecordedGoal =>
        e.kind === "goal" && (goalName === undefined || e.goalName === goalName),
    );
  }

  /** Forgets the events recorded so far (forced variations and settings stay). */
  reset(): void {
    this.#sink.events.length = 0;
  }

  #describe(event: TrackingEvent): RecordedEvent {
    const { record } = event;
    const name = (key: string) => this.#names.get(key) ?? key;
    const out: RecordedEvent = {
      kind: event.kind,
      userId: event.userId,
      experimentName: name(record.b),
      variationName: name(record.c),
      attributes: Object.fromEntries(record.fsca.map((a) => [a.ln, a.v])),
    };
    if (event.kind === "goal") {
      out.goalName = name(event.record.gln);
      if (event.record.rv !== undefined) out.revenue = event.record.rv;
    }
    return out;
  }
}
