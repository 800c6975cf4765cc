import { exampleSettings } from "@pagesense/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/client/createClient";
import { MemoryEventSink } from "../../src/events/MemoryEventSink";
import { CompiledSettings } from "../../src/settings/CompiledSettings";
import { compileSettings } from "../../src/settings/compileSettings";
import type { SettingsDocument } from "../../src/settings/types";
import { ConfigurationError, SettingsError } from "../../src/shared/errors";
import { RecordingLogger } from "../fixtures/logger";
import { documentOf, experiment, project, variation } from "../fixtures/settings";
import { NetworkRig } from "../network/harness";

const rig = new NetworkRig();
afterEach(() => rig.closeAll());

const quiet = () => ({ logger: new RecordingLogger(), eventSink: new MemoryEventSink() });
const doc = () => exampleSettings() as unknown as SettingsDocument;

/** Five experiments with different splits, so many users spread over many variations. */
function project5(): SettingsDocument {
  const split = (shares: number[]) =>
    shares.map((s, i) => variation(`V${i}`, s, i === 0 ? "Original" : `Variation ${i}`));
  return documentOf(
    project({
      experiments: [
        experiment("A"),
        experiment("B", { variations: split([10, 20, 70]) }),
        experiment("C", { variations: split([25, 25, 25, 25]), permitted_traffic: 60 }),
        experiment("D", { variations: split([90, 10]) }),
        experiment("E", { permitted_traffic: 5 }),
      ],
    }),
  ) as unknown as SettingsDocument;
}

describe("compileSettings", () => {
  it("compiles a document once: the same object or text gives the same snapshot", () => {
    const object = doc();
    const snapshot = compileSettings(object);
    expect(snapshot).toBeInstanceOf(CompiledSettings);
    expect(compileSettings(object)).toBe(snapshot);
    expect(compileSettings(snapshot)).toBe(snapshot);
    const text = JSON.stringify(doc());
    const fromText = compileSettings(text);
    expect(compileSettings(JSON.stringify(doc()))).toBe(fromText); // equal text, found by content
    expect(compileSettings(text, { version: "7" })).not.toBe(fromText); // another version
    expect(compileSettings(doc())).not.toBe(snapshot); // another object: compiled again
  });

  it("gives an immutable snapshot that says what it holds", () => {
    const snapshot = compileSettings(doc(), { version: "3" });
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(snapshot.projectName).toBe("Shop");
    expect(snapshot.version).toBe("3");
    expect(snapshot.index.experiments.has("PricingTest")).toBe(true);
    expect(snapshot.document.projectsettings).toHaveLength(1);
    expect(compileSettings(snapshot.document)).toBe(snapshot); // a client's getSettings() too
    expect(() => {
      (snapshot as { version: string }).version = "4";
    }).toThrow(TypeError);
  });

  it("throws a SettingsError for an invalid document and caches nothing", () => {
    const bad = { projectsettings: [{ project_name: "Shop" }] } as unknown as SettingsDocument;
    expect(() => compileSettings(bad)).toThrow(SettingsError);
    expect(() => compileSettings(bad)).toThrow(SettingsError);
  });
});

describe("clients from one compiled snapshot", () => {
  it("decide exactly as a client given the raw document, for every user", async () => {
    const raw = project5();
    const snapshot = compileSettings(JSON.stringify(raw));
    const a = await createClient({ settings: snapshot, ...quiet() });
    const b = await createClient({ settings: snapshot, ...quiet() });
    const reference = await createClient({ settings: structuredClone(raw), ...quiet() });
    // Collected, then compared once: 10,000 decisions per client (one deep-equal, not 20,000).
    const decisions = async (client: typeof a) => {
      const all = [];
      for (let u = 0; u < 2_000; u++)
        for (const name of ["A", "B", "C", "D", "E"])
          all.push(await client.decide(name, `user-${u}`));
      return all;
    };
    const expected = await decisions(reference);
    expect(await decisions(a)).toEqual(expected);
    expect(await decisions(b)).toEqual(expected);
  });

  it("rejects a snapshot of another project than projectName", async () => {
    const snapshot = compileSettings(doc());
    await expect(
      createClient({ settings: snapshot, projectName: "Blog", ...quiet() }),
    ).rejects.toThrow(ConfigurationError);
  });

  it("refresh independently: one client's new settings never reach the other or the snapshot", async () => {
    const h = await rig.harness();
    const snapshot = compileSettings(doc(), { version: h.server.version });
    const a = await h.client({ settings: snapshot });
    const b = await h.client({ settings: snapshot });
    expect(a.getStats().settingsVersion).toBe(h.server.version);

    const next = exampleSettings();
    next.projectsettings[0]!.experiments[0]!.experiment_status = 3; // paused
    const version = h.server.setSettings(next);
    expect(await a.getAndUpdateProjectSettings()).toBe(true);

    expect((await a.decide("PricingTest", "u1", { Browser: "Chrome" })).reason).toBe(
      "EXPERIMENT_NOT_RUNNING",
    );
    expect((await b.decide("PricingTest", "u1", { Browser: "Chrome" })).reason).toBe("BUCKETED");
    expect(a.getStats().settingsVersion).toBe(version);
    expect(b.getStats().settingsVersion).toBe(snapshot.version);
    expect(snapshot.index.experiments.get("PricingTest")!.running).toBe(true);

    expect(await b.getAndUpdateProjectSettings()).toBe(true);
    expect((await b.decide("PricingTest", "u1", { Browser: "Chrome" })).reason).toBe(
      "EXPERIMENT_NOT_RUNNING",
    );
  });

  it("never see a half-applied change: at every notification the settings in force are whole", async () => {
    const h = await rig.harness();
    const a = await h.client();
    const seen: string[] = [];
    a.on("settings", ({ version, experimentCount }) => {
      // Everything a decision reads belongs to one version at this moment.
      const document = a.getSettings()!;
      seen.push(
        `${version}:${experimentCount}:${document.projectsettings[0]!.experiments.length}:${a.getStats().settingsVersion}`,
      );
    });
    const grown = exampleSettings();
    const first = grown.projectsettings[0]!.experiments[0]!;
    grown.projectsettings[0]!.experiments.push({
      ...first,
      experiment_name: "Second",
      experiment_key: "EXP2",
    });
    const v2 = h.server.setSettings(grown);
    await a.getAndUpdateProjectSettings();
    h.server.setSettings({ projectsettings: [{ project_name: "Shop" }] }); // invalid: rejected
    expect(await a.getAndUpdateProjectSettings()).toBe(false);
    expect(seen).toEqual([`${v2}:2:2:${v2}`]);
    expect((await a.decide("Second", "u1", { Browser: "Chrome" })).reason).toBe("BUCKETED");
  });
});
