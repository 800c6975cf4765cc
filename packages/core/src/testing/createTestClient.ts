import type { UserAttributes } from "../audience/attributes";
import { assembleClient } from "../client/assembleClient";
import { MemoryEventSink } from "../events/MemoryEventSink";
import type { Logger, LogLevel } from "../logging/logger";
import { fetchHttp } from "../runtime/fetchHttp";
import { ConfigurationError } from "../shared/errors";
import { TestClient } from "./TestClient";
import { testSettings } from "./testSettings";

/** Options of {@link createTestClient}. */
export interface TestClientOptions {
  /**
   * Experiment name → the variation every user gets (`null`: nobody is in the experiment, reason
   * `OUT_OF_TRAFFIC`). Experiments not listed do not exist (`null`, reason `EXPERIMENT_NOT_FOUND`).
   * Each experiment also has an `Original` variation, for `setForcedVariation`.
   */
  variations: Readonly<Record<string, string | null>>;
  /**
   * When given, the experiments are only for users with these attribute values (as an audience
   * would be): a call without them gets `null` (`NO_ATTRIBUTES` or `AUDIENCE_MISMATCH`).
   */
  attributes?: UserAttributes;
  /**
   * Goal names your code tracks, linked to every experiment. A goal not listed is not recorded,
   * with the warning the real client gives for a goal missing from the project.
   */
  goals?: readonly string[];
  /** Minimum level logged. Default `WARNING` (unknown names and bad input show). */
  logLevel?: LogLevel;
  /** Receives log lines instead of the console. */
  logger?: Logger;
}

/**
 * A PageSense client for your app's tests: no network, no settings document, no SDK key. It
 * decides as `variations` says, through the real client's code (settings synthesised from
 * `variations`, events kept in memory), and records every visit and goal for `events()`,
 * `visits()`, `goals()` and `reset()`. Same type as `createClient`'s client, so app code takes
 * either. Rejects only for invalid options (`ConfigurationError`).
 *
 * @example
 * const client = await createTestClient({ variations: { PricingTest: "Variation 1" } });
 * expect(await client.activateExperiment("PricingTest", "u1")).toBe("Variation 1");
 * expect(client.visits("PricingTest")).toHaveLength(1);
 */
export async function createTestClient(options: TestClientOptions): Promise<TestClient> {
  const variations: unknown = options?.variations;
  const bad =
    typeof variations !== "object" || variations === null
      ? "variations must be an object: experiment name → variation name"
      : Object.entries(variations).find(([, v]) => v !== null && (typeof v !== "string" || !v));
  if (bad)
    throw new ConfigurationError(
      `PageSense: createTestClient: ${typeof bad === "string" ? bad : `variations["${bad[0]}"] must be a variation name or null`}`,
    );
  const settings = testSettings(options);
  const sink = new MemoryEventSink();
  return assembleClient(
    {
      settings,
      eventSink: sink,
      logLevel: options?.logLevel ?? "WARNING",
      ...(options?.logger ? { logger: options.logger } : {}),
    },
    {
      http: fetchHttp, // never used: there is nothing to fetch
      client: (parts) => new TestClient(parts, sink, settings),
    },
  );
}
