import { validateSettings } from "@pagesense/core";
import { describe, expect, it } from "vitest";
import { formatWebhookTime, webhookPayload } from "../../src";
import { Sandbox } from "../support/server";

describe("webhook payload", () => {
  it("formats LastModifiedTime as yyyy-MM-dd HH:mm:ss in UTC", () => {
    expect(formatWebhookTime(new Date("2024-03-05T07:08:09.999Z"))).toBe("2024-03-05 07:08:09");
    expect(formatWebhookTime(new Date("2024-12-31T23:59:59Z"))).toBe("2024-12-31 23:59:59");
  });

  it("names the environment of the experiment that changed", () => {
    const before = Sandbox.defaultSettings();
    const second = {
      ...before.projectsettings[0]!.experiments[0]!,
      experiment_name: "CheckoutTest",
      experiment_key: "EXP2",
      environment_name: "Staging",
    };
    before.projectsettings[0]!.experiments.push(second);
    const after = structuredClone(before);
    after.projectsettings[0]!.experiments[1]!.permitted_traffic = 10;
    const payload = webhookPayload(
      validateSettings(before),
      validateSettings(after),
      new Date("2024-01-02T03:04:05Z"),
    );
    expect(payload).toEqual({
      ProjectName: "Shop",
      AccountName: "demo",
      EnvironmentName: "Staging",
      EventName: "ExperimentRelaunched",
      LastModifiedTime: "2024-01-02 03:04:05",
    });
  });

  it("falls back to the first experiment's environment, then Production", () => {
    const doc = Sandbox.defaultSettings();
    const project = validateSettings(doc);
    const goalsOnly = { ...project, goals: [...project.goals] };
    expect(webhookPayload(project, goalsOnly, new Date()).EnvironmentName).toBe("Production");
    const noExperiments = { ...project, experiments: [] };
    expect(webhookPayload(project, noExperiments, new Date()).EnvironmentName).toBe("Production");
    const renamed = {
      ...project,
      experiments: [{ ...project.experiments[0]!, environment_name: "QA" }],
    };
    expect(webhookPayload(renamed, renamed, new Date()).EnvironmentName).toBe("QA");
  });
});
