import { type ExampleSettingsDocument, exampleSettings } from "@pagesense/testing";

/**
 * The spec's example document plus two experiments for All Visitors: "Layout" (three variations,
 * uneven shares, 37% of traffic) and "Banner" (an even split), with the purchase goal linked.
 */
export function richSettings(): ExampleSettingsDocument {
  const doc = exampleSettings();
  const project = doc.projectsettings[0]!;
  const base = project.experiments[0]!;
  const variation = (name: string, key: string, share: number, original = false) => ({
    variation_name: name,
    variation_key: key,
    variation_link_name: name.toLowerCase().replace(/\s+/g, "-"),
    is_original: original,
    traffic_distribution: share,
  });
  project.experiments.push(
    {
      ...base,
      experiment_name: "Layout",
      experiment_key: "EXP-LAYOUT",
      experiment_link_name: "layout",
      permitted_traffic: 37,
      variations: [
        variation("Original", "L0", 20, true),
        variation("Grid", "L1", 30),
        variation("List", "L2", 50),
      ],
      audiences: [{ audience_link_name: "all" }],
    },
    {
      ...base,
      experiment_name: "Banner",
      experiment_key: "EXP-BANNER",
      experiment_link_name: "banner",
      permitted_traffic: 100,
      variations: [variation("Original", "B0", 50, true), variation("Red", "B1", 50)],
      audiences: [{ audience_link_name: "all" }],
    },
  );
  return doc;
}
