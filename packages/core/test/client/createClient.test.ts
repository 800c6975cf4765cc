import { describe, expect, it } from "vitest";
import { createClient } from "../../src/client/createClient";
import { ConfigurationError } from "../../src/client/options";
import { MemoryEventSink } from "../../src/events/MemoryEventSink";
import type { SettingsDocument } from "../../src/settings/types";
import { validateSettings } from "../../src/settings/validate";
import { RecordingLogger } from "../fixtures/logger";
import { documentOf, experiment, type Json, project, specExample } from "../fixtures/settings";

const quiet = () => ({ logger: new RecordingLogger(), eventSink: new MemoryEventSink() });

async function configurationError(options: unknown): Promise<ConfigurationError> {
  // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid options
  const error = await createClient(options as any).then(
    () => {
      throw new Error("createClient resolved");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as Error).name).toBe("ConfigurationError");
  return error as ConfigurationError;
}

describe("createClient", () => {
  it("starts from a settings object and is ready at once", async () => {
    const client = await createClient({ settings: specExample() as never, ...quiet() });
    expect(client.isReady()).toBe(true);
    expect(await client.getVariationName("PricingTest", "user123", { Browser: "Chrome" })).toBe(
      "Original",
    );
  });

  it("starts from the settings JSON text", async () => {
    const client = await createClient({ settings: JSON.stringify(specExample()), ...quiet() });
    expect(await client.getVariationName("PricingTest", "user123", { Browser: "Chrome" })).toBe(
      "Original",
    );
  });

  it("exposes the settings in force as a document that bootstraps an identical client", async () => {
    const doc = specExample() as unknown as SettingsDocument;
    const other = { ...doc.projectsettings[0]!, project_name: "Other", sdk_key: "other-key" };
    const client = await createClient({
      settings: { ...doc, projectsettings: [other, doc.projectsettings[0]!] } as never,
      projectName: "Shop",
      ...quiet(),
    });
    const exposed = client.getSettings() as SettingsDocument;
    // Only the project in use, with the fields the SDK reads, normalised.
    expect(exposed.projectsettings.map((p) => p.project_name)).toEqual(["Shop"]);
    expect(exposed.projectsettings[0]!.experiments).toEqual(validateSettings(doc).experiments);
    const fromText = await createClient({ settings: JSON.stringify(exposed), ...quiet() });
    for (const user of ["user123", "u-1", "ünïcode", "42"]) {
      expect(await fromText.decide("PricingTest", user, { Browser: "Chrome" })).toEqual(
        await client.decide("PricingTest", user, { Browser: "Chrome" }),
      );
    }
  });

  it("rejects a settings document with the invalid field's path", async () => {
    const doc = documentOf(
      project({
        experiments: [experiment("A"), experiment("B"), experiment("C", { variations: 5 })],
      }),
    );
    const error = await configurationError({ settings: doc, ...quiet() });
    expect(error.message).toContain("invalid options.settings");
    expect(error.message).toContain(
      "projectsettings[0].experiments[2].variations: expected array, got number",
    );
  });

  it("rejects settings text that is not JSON", async () => {
    const error = await configurationError({ settings: "{not json", ...quiet() });
    expect(error.message).toContain("settings are not valid JSON");
  });

  it.each([
    ["no options", undefined],
    ["null options", null],
    ["an array", []],
    ["a string", "settings"],
    ["settings of the wrong type", { settings: 42 }],
    ["settings as an array", { settings: [] }],
  ])("rejects %s with a ConfigurationError", async (_what, options) => {
    const error = await configurationError(
      options && typeof options === "object" && !Array.isArray(options)
        ? { ...quiet(), ...(options as Json) }
        : options,
    );
    expect(error.message).toMatch(/^PageSense: /);
  });

  it("selects a project by projectName among several", async () => {
    const doc = documentOf(
      project({ name: "Shop", experiments: [experiment("Only in Shop")] }),
      project({ name: "Blog", experiments: [experiment("Only in Blog")] }),
    );
    const blog = await createClient({ settings: doc as never, projectName: "Blog", ...quiet() });
    expect((await blog.decide("Only in Blog", "u")).reason).toBe("BUCKETED");
    expect((await blog.decide("Only in Shop", "u")).reason).toBe("EXPERIMENT_NOT_FOUND");

    const missing = await configurationError({ settings: doc, ...quiet() });
    expect(missing.message).toContain("set projectName");
    const wrong = await configurationError({ settings: doc, projectName: "Wiki", ...quiet() });
    expect(wrong.message).toContain('no project named "Wiki" (found: Shop, Blog)');
  });

  it("warns about settings problems found while indexing", async () => {
    const logger = new RecordingLogger();
    await createClient({
      settings: documentOf(
        project({ experiments: [experiment("E", { audiences: [{ audience_link_name: "x" }] })] }),
      ) as never,
      logger,
      eventSink: new MemoryEventSink(),
    });
    expect(logger.at("WARNING")).toContain(
      'settings: experiment "E" links unknown audience "x"; it never matches',
    );
  });

  it("falls back to the default sink, with a warning, for an incomplete eventSink", async () => {
    const logger = new RecordingLogger();
    const client = await createClient({
      settings: specExample() as never,
      logger,
      eventSink: { enqueue() {} } as never,
    });
    expect(
      await client.activateExperiment("PricingTest", "u", { Browser: "Chrome" }),
    ).not.toBeNull();
    expect(
      logger.matching(
        "option eventSink object is not an object with enqueue(), flush(), close(); using the default",
      ),
    ).toHaveLength(1);
  });
});
