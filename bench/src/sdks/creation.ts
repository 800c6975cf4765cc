import { GrowthBookClient } from "@growthbook/growthbook";
import { createInstance, createStaticProjectConfigManager } from "@optimizely/optimizely-sdk";
import { compileSettings, createClient } from "@pagesense/core";
import type { Scenario } from "../scenario/model";
import { growthBookPayload } from "./growthbook";
import { optimizelyDatafile } from "./optimizely";
import { countingTransport, pageSenseSettings } from "./pagesense";
import type { SdkUnderTest } from "./types";

/** How the settings reach a new client. */
export type SettingsForm = "object" | "text" | "snapshot";

/** A client that was created, ready to decide; `close` stops it. */
export interface Created {
  close(): Promise<unknown> | unknown;
}

/** Creates clients of one SDK from settings already in memory (undefined: the SDK has no such form). */
export type Creator = () => Promise<Created> | Created;

/**
 * Client creation as a per-request or per-tenant app does it, settings already in memory, for
 * each SDK and settings form:
 * - ours: `createClient({ settings })` with the settings object, its JSON text, or a
 *   `compileSettings()` snapshot; default batching event sink (no-op transport), no fetch;
 * - Optimizely: `createInstance` with a static config manager over the datafile's JSON text
 *   (from an object: `JSON.stringify` first, as it takes text only; no shared compiled form);
 * - GrowthBook: `new GrowthBookClient().initSync({ payload })` with the payload object, or
 *   `JSON.parse` of its text first (no shared compiled form).
 * The same document (object or text) is used for every client, as an app holding it would.
 */
export function creators(
  scenario: Scenario,
): Record<SdkUnderTest["id"], Partial<Record<SettingsForm, Creator>>> {
  const ours = pageSenseSettings(scenario);
  const oursText = JSON.stringify(ours);
  const snapshot = compileSettings(ours);
  const transport = countingTransport();
  const pageSense = (settings: Parameters<typeof createClient>[0]["settings"]) => () =>
    createClient({
      settings,
      logLevel: "WARNING",
      baseUrl: "http://127.0.0.1:9",
      transport,
      unrefTimers: true,
    });
  const datafile = optimizelyDatafile(scenario);
  const datafileText = JSON.stringify(datafile);
  const optimizely = (form: () => string) => () => {
    const client = createInstance({
      projectConfigManager: createStaticProjectConfigManager({ datafile: form() }),
    });
    return { close: () => client.close() };
  };
  const payload = growthBookPayload(scenario);
  const payloadText = JSON.stringify(payload);
  const growthBook = (form: () => typeof payload) => () => {
    const client = new GrowthBookClient().initSync({ payload: form() });
    return { close: () => client.destroy() };
  };
  return {
    pagesense: {
      object: pageSense(ours),
      text: pageSense(oursText),
      snapshot: pageSense(snapshot),
    },
    // Optimizely takes the datafile as text only: from an object, an app stringifies it.
    optimizely: {
      object: optimizely(() => JSON.stringify(datafile)),
      text: optimizely(() => datafileText),
    },
    growthbook: {
      object: growthBook(() => payload),
      text: growthBook(() => JSON.parse(payloadText)),
    },
  };
}

/** One compile of the PageSense document (what is paid once per document version). */
export function compileOnce(scenario: Scenario): () => void {
  const text = JSON.stringify(pageSenseSettings(scenario));
  let n = 0;
  // A new text each time (a changed version number), so the compile cache never answers.
  return () => {
    compileSettings(text, { version: String(n++) });
  };
}
