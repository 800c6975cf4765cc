import { describe, expect, it } from "vitest";
import { testClient } from "../fixtures/client";
import { experiment, variation } from "../fixtures/settings";

const USERS = 100_000;

/** Share of `USERS` ids that get each variation name (null = not in the experiment). */
async function shares(
  client: Awaited<ReturnType<typeof testClient>>["client"],
  name: string,
): Promise<Map<string | null, number>> {
  const counts = new Map<string | null, number>();
  for (let i = 0; i < USERS; i++) {
    const v = await client.getVariationName(name, `visitor-${i}`);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return new Map([...counts].map(([k, n]) => [k, n / USERS]));
}

describe("traffic distribution over 100 000 users", () => {
  it("splits an uneven 3-variation experiment within 1% of its shares", async () => {
    const { client } = await testClient(
      {
        experiments: [
          experiment("Uneven", {
            experiment_key: "UNEVEN",
            variations: [variation("A", 10), variation("B", 30), variation("C", 60)],
          }),
        ],
      },
      { logLevel: "OFF" },
    );
    const s = await shares(client, "Uneven");
    expect(s.get(null)).toBeUndefined();
    expect(Math.abs(s.get("A")! - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(s.get("B")! - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(s.get("C")! - 0.6)).toBeLessThan(0.01);
  });

  it("lets about half the users in at 50% permitted traffic, split by the shares", async () => {
    const { client } = await testClient(
      {
        experiments: [
          experiment("Half", {
            experiment_key: "HALF",
            permitted_traffic: 50,
            variations: [variation("A", 20), variation("B", 30), variation("C", 50)],
          }),
        ],
      },
      { logLevel: "OFF" },
    );
    const s = await shares(client, "Half");
    expect(Math.abs(s.get(null)! - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(s.get("A")! - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(s.get("B")! - 0.15)).toBeLessThan(0.01);
    expect(Math.abs(s.get("C")! - 0.25)).toBeLessThan(0.01);
  });
});
