import { describe, expect, it } from "vitest";
import { changedLayouts, indexProject } from "../../src/settings/ProjectIndex";
import { validateSettings } from "../../src/settings/validate";
import {
  and,
  audience,
  documentOf,
  experiment,
  goal,
  type Json,
  leaf,
  project,
  variation,
} from "../fixtures/settings";

const index = (parts: Parameters<typeof project>[0]) =>
  indexProject(validateSettings(documentOf(project(parts))));

describe("indexProject", () => {
  it("indexes experiments by name with their hash prefix, traffic limit and ranges", () => {
    const idx = index({
      experiments: [
        experiment("Pricing", {
          experiment_key: "EXPKEY",
          permitted_traffic: 60,
          variations: [variation("A", 10), variation("B", 30), variation("C", 60)],
        }),
      ],
    });
    const e = idx.experiments.get("Pricing")!;
    expect(e.key).toBe("EXPKEY");
    expect(new TextDecoder().decode(e.hashPrefix)).toBe("EXPKEY_");
    expect(e.trafficLimit).toBe(6000);
    expect([...e.rangeEnds]).toEqual([600, 2400, 6000]);
    expect(e.running).toBe(true);
    expect(e.fullStack).toBe(true);
    expect([...e.variationIndexByKey]).toEqual([
      ["A", 0],
      ["B", 1],
      ["C", 2],
    ]);
    expect(idx.warnings).toEqual([]);
  });

  it("marks running and Full Stack experiments from status 2 and type 14 only", () => {
    const idx = index({
      experiments: [
        experiment("Paused", { experiment_status: 3 }),
        experiment("Draft", { experiment_status: 1 }),
        experiment("Web", { experiment_type: 1 }),
      ],
    });
    expect(idx.experiments.get("Paused")!.running).toBe(false);
    expect(idx.experiments.get("Draft")!.running).toBe(false);
    expect(idx.experiments.get("Web")!.running).toBe(true);
    expect(idx.experiments.get("Web")!.fullStack).toBe(false);
  });

  it("snaps a two-decimal permitted traffic to its exact bucket count", () => {
    const idx = index({ experiments: [experiment("E", { permitted_traffic: 1.13 })] });
    expect(idx.experiments.get("E")!.trafficLimit).toBe(113);
  });

  it("treats an 'all' link, or no link at all, as All Visitors", () => {
    const idx = index({
      audiences: [audience("chrome", and(leaf("Browser", 1, ["Chrome"])))],
      experiments: [
        experiment("All", { audiences: [{ audience_link_name: "all" }] }),
        experiment("None", { audiences: [] }),
        experiment("Mixed", {
          audiences: [{ audience_link_name: "chrome" }, { audience_link_name: "all" }],
        }),
        experiment("Chrome", { audiences: [{ audience_link_name: "chrome" }] }),
      ],
    });
    expect(idx.experiments.get("All")!.allVisitors).toBe(true);
    expect(idx.experiments.get("None")!.allVisitors).toBe(true);
    expect(idx.experiments.get("Mixed")!.allVisitors).toBe(true);
    expect(idx.experiments.get("Chrome")!.allVisitors).toBe(false);
    expect(idx.experiments.get("Chrome")!.audiences).toHaveLength(1);
  });

  it("warns about links to unknown audiences, which never match", () => {
    const idx = index({
      experiments: [experiment("E", { audiences: [{ audience_link_name: "ghost" }] })],
    });
    const e = idx.experiments.get("E")!;
    expect(e.allVisitors).toBe(false);
    expect(e.audiences).toEqual([]);
    expect(idx.warnings).toEqual([
      'experiment "E" links unknown audience "ghost"; it never matches',
    ]);
  });

  it("warns about unknown operators with the audience's path", () => {
    const idx = index({ audiences: [audience("odd", and(leaf("x", 5, ["y"])))] });
    expect(idx.warnings).toHaveLength(1);
    expect(idx.warnings[0]).toContain('audiences[0] ("odd")');
    expect(idx.warnings[0]).toContain("unknown operator 5");
  });

  it("keeps the first of duplicate experiments, goals and audiences, with a warning", () => {
    const idx = index({
      audiences: [
        audience("dup", and(leaf("Browser", 1, ["Chrome"]))),
        audience("dup", and(leaf("Browser", 1, ["Firefox"]))),
      ],
      goals: [goal("Buy", "first"), goal("Buy", "second")],
      experiments: [
        experiment("E", { experiment_key: "FIRST", audiences: [{ audience_link_name: "dup" }] }),
        experiment("E", { experiment_key: "SECOND" }),
      ],
    });
    expect(idx.experiments.get("E")!.key).toBe("FIRST");
    expect(idx.goals.get("Buy")!.goal_link_name).toBe("first");
    const matcher = idx.experiments.get("E")!.audiences[0]!;
    expect(matcher({ Browser: "Chrome" })).toBe(true);
    expect(matcher({ Browser: "Firefox" })).toBe(false);
    expect(idx.warnings).toEqual(
      expect.arrayContaining([
        'experiment "E" is defined twice; the first is used',
        'goal "Buy" is defined twice; the first is used',
        'audience "dup" is defined twice; the first is used',
      ]),
    );
  });

  it("warns when a running experiment has traffic but no variation share", () => {
    const idx = index({
      experiments: [
        experiment("Zero", { variations: [variation("A", 0), variation("B", 0)] }),
        experiment("Empty", { variations: [] }),
        experiment("Off", { permitted_traffic: 0, variations: [variation("A", 0)] }),
        experiment("Paused", { experiment_status: 3, variations: [variation("A", 0)] }),
      ],
    });
    expect(idx.warnings).toEqual([
      'experiment "Zero" has no variation with a traffic share; nobody is bucketed',
      'experiment "Empty" has no variation with a traffic share; nobody is bucketed',
    ]);
  });

  it("maps linked goals to is_primary_goal", () => {
    const idx = index({
      goals: [goal("Buy", "buy"), goal("Click", "click")],
      experiments: [
        experiment("E", {
          goals: [
            { goal_link_name: "buy", is_primary_goal: true },
            { goal_link_name: "click", is_primary_goal: false },
          ],
        }),
      ],
    });
    expect([...idx.experiments.get("E")!.goalLinks]).toEqual([
      ["buy", true],
      ["click", false],
    ]);
  });
});

describe("changedLayouts", () => {
  const idx = (e: Json) => index({ experiments: [e, experiment("Stable")] });

  it("lists running experiments whose traffic, shares or variations changed", () => {
    const before = idx(experiment("E"));
    expect(changedLayouts(before, idx(experiment("E")))).toEqual([]);
    expect(changedLayouts(before, idx(experiment("E", { permitted_traffic: 50 })))).toEqual(["E"]);
    expect(
      changedLayouts(
        before,
        idx(experiment("E", { variations: [variation("V0", 10), variation("V1", 90)] })),
      ),
    ).toEqual(["E"]);
    expect(
      changedLayouts(
        before,
        idx(experiment("E", { variations: [variation("V0", 50), variation("V2", 50)] })),
      ),
    ).toEqual(["E"]);
  });

  it("ignores experiments that are new, removed or not running on either side", () => {
    const before = idx(experiment("E", { experiment_status: 1 }));
    expect(changedLayouts(before, idx(experiment("E", { permitted_traffic: 10 })))).toEqual([]);
    expect(changedLayouts(idx(experiment("Other")), idx(experiment("E")))).toEqual([]);
  });
});
