import { describe, expect, it } from "vitest";
import { isSettingsDocument, validateSettings } from "../../src/settings/validate";
import { SettingsError } from "../../src/shared/errors";
import {
  and,
  audience,
  documentOf,
  experiment,
  goal,
  type Json,
  leaf,
  project,
  specExample,
  variation,
} from "../fixtures/settings";

/** The SettingsError thrown by validating `doc`. */
function rejection(doc: unknown, projectName?: string): SettingsError {
  try {
    validateSettings(doc, projectName);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return error as SettingsError;
  }
  throw new Error("the document was accepted");
}

/** A document with three experiments, the third modified by `patch`. */
function withThirdExperiment(patch: Json): Json {
  return documentOf(
    project({
      experiments: [experiment("A"), experiment("B"), { ...experiment("C"), ...patch }],
    }),
  );
}

describe("validateSettings: valid documents", () => {
  it("accepts the spec's example and returns its project", () => {
    const p = validateSettings(specExample());
    expect(p.project_name).toBe("Shop");
    expect(p.project_key).toBe("P1");
    expect(p.experiments).toHaveLength(1);
    expect(p.experiments[0]!.experiment_key).toBe("EXP1");
    expect(p.experiments[0]!.variations.map((v) => v.variation_name)).toEqual([
      "Original",
      "Variation 1",
    ]);
    expect(p.audiences[0]!.audience_condition_json).toEqual({
      condition_type: 1,
      conditions: [{ attribute_name: "Browser", operator: 1, values: ["Chrome"], type: "string" }],
    });
    expect(p.goals[0]).toEqual({
      goal_name: "PurchaseCompleted",
      goal_link_name: "purchase",
      goal_type: 1,
      goal_status: 1,
    });
  });

  it("accepts the document as JSON text", () => {
    expect(validateSettings(JSON.stringify(specExample())).project_key).toBe("P1");
  });

  it("accepts numeric strings and string booleans, normalising them", () => {
    const doc = documentOf(
      project({
        experiments: [
          experiment("E", {
            experiment_type: "14",
            experiment_status: "2",
            language_key: " 1 ",
            permitted_traffic: "75.5",
            is_development_mode: "false",
            variations: [
              variation("V0", "40" as unknown as number, "Original", { is_original: "true" }),
              variation("V1", "60" as unknown as number),
            ],
          }),
        ],
        audiences: [audience("a", and(leaf("age", "3" as unknown as number, [18, true])))],
        goals: [{ goal_name: "G", goal_link_name: "g", goal_type: "2", goal_status: "1" }],
      }),
    );
    const p = validateSettings(doc);
    const e = p.experiments[0]!;
    expect(e.experiment_type).toBe(14);
    expect(e.experiment_status).toBe(2);
    expect(e.language_key).toBe(1);
    expect(e.permitted_traffic).toBe(75.5);
    expect(e.is_development_mode).toBe(false);
    expect(e.variations.map((v) => v.traffic_distribution)).toEqual([40, 60]);
    expect(e.variations[0]!.is_original).toBe(true);
    expect(p.audiences[0]!.audience_condition_json).toEqual({
      condition_type: 1,
      conditions: [{ attribute_name: "age", operator: 3, values: ["18", "true"], type: "string" }],
    });
    expect(p.goals[0]!.goal_type).toBe(2);
  });

  it("parses audience_condition_json given as a JSON string", () => {
    const tree = and(leaf("Browser", 1, ["Chrome"]));
    const doc = documentOf(project({ audiences: [audience("chrome", JSON.stringify(tree))] }));
    expect(validateSettings(doc).audiences[0]!.audience_condition_json).toEqual(tree);
  });

  it("reads a missing, null or blank condition tree as null (matches everyone)", () => {
    const doc = documentOf(
      project({
        audiences: [
          { audience_link_name: "a" },
          audience("b", null),
          audience("c", ""),
          audience("d", "  "),
        ],
      }),
    );
    expect(validateSettings(doc).audiences.map((a) => a.audience_condition_json)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it("defaults missing lists to empty ones", () => {
    const e = experiment("E");
    delete e.audiences;
    delete e.goals;
    const p = project({ experiments: [e] });
    delete p.audiences;
    delete p.goals;
    const parsed = validateSettings(documentOf(p));
    expect(parsed.audiences).toEqual([]);
    expect(parsed.goals).toEqual([]);
    expect(parsed.experiments[0]!.audiences).toEqual([]);
    expect(parsed.experiments[0]!.goals).toEqual([]);
  });

  it("accepts optional fields given as null", () => {
    const doc = documentOf(
      project({
        extra: { sdk_key: null, project_link_name: null },
        experiments: [experiment("E", { environment_name: null, is_development_mode: null })],
        goals: [{ goal_name: "G", goal_link_name: "g", goal_type: null, goal_status: null }],
        audiences: [
          { audience_name: null, audience_link_name: "a", audience_condition_json: null },
        ],
      }),
    );
    const p = validateSettings(doc);
    expect(p.sdk_key).toBeUndefined();
    expect(p.experiments[0]!.environment_name).toBeUndefined();
    expect(p.experiments[0]!.is_development_mode).toBe(false);
    expect(p.goals[0]).toEqual({
      goal_name: "G",
      goal_link_name: "g",
      goal_type: undefined,
      goal_status: undefined,
    });
    expect(p.audiences[0]!.audience_name).toBeUndefined();
  });

  it("accepts permitted traffic at both ends of 0..100 and zero shares", () => {
    const doc = documentOf(
      project({
        experiments: [
          experiment("Zero", { permitted_traffic: 0 }),
          experiment("Full", { permitted_traffic: 100, variations: [variation("V", 0)] }),
        ],
      }),
    );
    expect(validateSettings(doc).experiments.map((e) => e.permitted_traffic)).toEqual([0, 100]);
  });
});

describe("validateSettings: project selection", () => {
  const doc = documentOf(
    project({ name: "Shop", experiments: [experiment("A")] }),
    project({ name: "Blog", experiments: [experiment("B"), experiment("C")] }),
  );

  it("picks the project named projectName", () => {
    expect(validateSettings(doc, "Blog").experiments.map((e) => e.experiment_name)).toEqual([
      "B",
      "C",
    ]);
    expect(validateSettings(doc, "Shop").project_key).toBe("Shop-PK");
  });

  it("needs projectName when the document holds several projects, listing them", () => {
    const e = rejection(doc);
    expect(e.path).toBe("projectsettings");
    expect(e.message).toContain("2 projects (Shop, Blog)");
    expect(e.message).toContain("projectName");
  });

  it("names the projects found when projectName matches none (exact match)", () => {
    const e = rejection(doc, "shop");
    expect(e.message).toBe('projectsettings: no project named "shop" (found: Shop, Blog)');
  });

  it("uses the only project without a projectName", () => {
    expect(validateSettings(specExample()).project_name).toBe("Shop");
  });

  it("rejects a document without projects", () => {
    expect(rejection(documentOf()).message).toBe("projectsettings: expected at least one project");
  });

  it("validates only the selected project", () => {
    const mixed = documentOf({ project_name: "Broken" }, project({ name: "Good" }));
    expect(validateSettings(mixed, "Good").project_name).toBe("Good");
    expect(rejection(mixed, "Broken").path).toBe("projectsettings[0].portal_name");
  });

  it("reports the path inside the selected project", () => {
    const broken = documentOf(
      project({ name: "Shop" }),
      project({ name: "Blog", experiments: [experiment("B", { variations: null })] }),
    );
    expect(rejection(broken, "Blog").message).toBe(
      "projectsettings[1].experiments[0].variations: expected array, got null",
    );
  });
});

describe("validateSettings: invalid documents name the field path", () => {
  const cases: Array<[what: string, doc: unknown, message: string]> = [
    ["not JSON", "{nope", "settings are not valid JSON"],
    ["not an object", 42, "settings: expected object, got number"],
    ["an array", [], "settings: expected object, got array"],
    ["null", null, "settings: expected object, got null"],
    [
      "no projectsettings",
      { status_code: "200" },
      "projectsettings: expected array, got undefined",
    ],
    [
      "project not an object",
      documentOf("x" as unknown as Json),
      "projectsettings[0]: expected object, got string",
    ],
    [
      "variations missing",
      withThirdExperiment({ variations: undefined }),
      "projectsettings[0].experiments[2].variations: expected array, got undefined",
    ],
    [
      "variations an object",
      withThirdExperiment({ variations: {} }),
      "projectsettings[0].experiments[2].variations: expected array, got object",
    ],
    [
      "experiment_name empty",
      withThirdExperiment({ experiment_name: "" }),
      "projectsettings[0].experiments[2].experiment_name: expected non-empty string",
    ],
    [
      "experiment_key a number",
      withThirdExperiment({ experiment_key: 7 }),
      "projectsettings[0].experiments[2].experiment_key: expected string, got number",
    ],
    [
      "experiment_status not an integer",
      withThirdExperiment({ experiment_status: 2.5 }),
      "projectsettings[0].experiments[2].experiment_status: expected integer, got number",
    ],
    [
      "experiment_type a word",
      withThirdExperiment({ experiment_type: "fullstack" }),
      "projectsettings[0].experiments[2].experiment_type: expected integer, got string",
    ],
    [
      "permitted_traffic above 100",
      withThirdExperiment({ permitted_traffic: 101 }),
      "projectsettings[0].experiments[2].permitted_traffic: expected 0..100, got 101",
    ],
    [
      "permitted_traffic negative",
      withThirdExperiment({ permitted_traffic: -1 }),
      "projectsettings[0].experiments[2].permitted_traffic: expected 0..100, got -1",
    ],
    [
      "permitted_traffic an empty string",
      withThirdExperiment({ permitted_traffic: "" }),
      "projectsettings[0].experiments[2].permitted_traffic: expected number, got string",
    ],
    [
      "language_key missing",
      withThirdExperiment({ language_key: undefined }),
      "projectsettings[0].experiments[2].language_key: expected integer, got undefined",
    ],
    [
      "is_development_mode a word",
      withThirdExperiment({ is_development_mode: "yes" }),
      "projectsettings[0].experiments[2].is_development_mode: expected boolean, got string",
    ],
    [
      "negative share",
      withThirdExperiment({ variations: [variation("V0", 50), variation("V1", -5)] }),
      "projectsettings[0].experiments[2].variations[1].traffic_distribution: expected a share >= 0",
    ],
    [
      "non-finite share",
      withThirdExperiment({ variations: [variation("V0", Number.POSITIVE_INFINITY)] }),
      "projectsettings[0].experiments[2].variations[0].traffic_distribution: expected number, got number",
    ],
    [
      "variation_key missing",
      withThirdExperiment({ variations: [{ variation_name: "O", traffic_distribution: 1 }] }),
      "projectsettings[0].experiments[2].variations[0].variation_key: expected string, got undefined",
    ],
    [
      "audience link without name",
      withThirdExperiment({ audiences: [{}] }),
      "projectsettings[0].experiments[2].audiences[0].audience_link_name: expected string, got undefined",
    ],
    [
      "goal link not an object",
      withThirdExperiment({ goals: ["purchase"] }),
      "projectsettings[0].experiments[2].goals[0]: expected object, got string",
    ],
    [
      "goal without goal_name",
      documentOf(project({ goals: [goal("A", "a"), { goal_link_name: "b" }] })),
      "projectsettings[0].goals[1].goal_name: expected string, got undefined",
    ],
    [
      "unparsable condition string",
      documentOf(project({ audiences: [audience("a", "{oops")] })),
      "projectsettings[0].audiences[0].audience_condition_json: expected a JSON condition tree, got unparsable string",
    ],
    [
      "condition leaf without operator",
      documentOf(project({ audiences: [audience("a", and({ attribute_name: "x", values: [] }))] })),
      "projectsettings[0].audiences[0].audience_condition_json.conditions[0].operator: expected integer, got undefined",
    ],
    [
      "condition value an object",
      documentOf(project({ audiences: [audience("a", and(leaf("x", 1, ["ok", {}])))] })),
      "projectsettings[0].audiences[0].audience_condition_json.conditions[0].values[1]: expected string, got object",
    ],
    [
      "conditions not an array",
      documentOf(project({ audiences: [audience("a", { condition_type: 2, conditions: "x" })] })),
      "projectsettings[0].audiences[0].audience_condition_json.conditions: expected array, got string",
    ],
    [
      "portal_name missing",
      documentOf({ ...project({}), portal_name: undefined }),
      "projectsettings[0].portal_name: expected string, got undefined",
    ],
    [
      "experiments not an array",
      documentOf({ ...project({}), experiments: {} }),
      "projectsettings[0].experiments: expected array, got object",
    ],
  ];

  it.each(cases)("%s", (_what, doc, message) => {
    expect(rejection(doc).message).toBe(message);
  });

  it("exposes the path and the problem separately", () => {
    const e = rejection(withThirdExperiment({ variations: "x" }));
    expect(e.name).toBe("SettingsError");
    expect(e.path).toBe("projectsettings[0].experiments[2].variations");
    expect(e.problem).toBe("expected array, got string");
  });

  it("rejects condition trees nested deeper than 32 levels", () => {
    let tree: Json = leaf("x", 1, ["y"]);
    for (let i = 0; i < 40; i++) tree = and(tree);
    const e = rejection(documentOf(project({ audiences: [audience("deep", tree)] })));
    expect(e.problem).toBe("condition tree deeper than 32");
    expect(e.path).toMatch(
      /^projectsettings\[0\]\.audiences\[0\]\.audience_condition_json(\.conditions\[0\])+$/,
    );
  });
});

describe("isSettingsDocument", () => {
  it("recognises an envelope with a projectsettings array", () => {
    expect(isSettingsDocument(specExample())).toBe(true);
    expect(isSettingsDocument({ projectsettings: [] })).toBe(true);
    expect(isSettingsDocument({ status_code: "401", status_string: "unauthorised" })).toBe(false);
    expect(isSettingsDocument(null)).toBe(false);
    expect(isSettingsDocument("{}")).toBe(false);
  });
});
