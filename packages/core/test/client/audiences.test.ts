import { describe, expect, it } from "vitest";
import { testClient } from "../fixtures/client";
import { and, audience, experiment, leaf, or } from "../fixtures/settings";

const chrome = audience("chrome", and(leaf("Browser", 1, ["Chrome"])));
const india = audience("india", or(leaf("country", 1, ["IN"])));

const reasonFor = async (
  client: Awaited<ReturnType<typeof testClient>>["client"],
  name: string,
  attributes?: Record<string, string>,
) => (await client.decide(name, "user-1", attributes)).reason;

describe("audience targeting through the client", () => {
  it("admits users whose attributes match the linked audience", async () => {
    const { client } = await testClient({
      audiences: [chrome],
      experiments: [experiment("E", { audiences: [{ audience_link_name: "chrome" }] })],
    });
    expect(await reasonFor(client, "E", { Browser: "Chrome" })).toBe("BUCKETED");
    expect(await reasonFor(client, "E", { Browser: "Firefox" })).toBe("AUDIENCE_MISMATCH");
    expect(await reasonFor(client, "E", { OS: "Linux" })).toBe("AUDIENCE_MISMATCH");
    expect(await client.getVariationName("E", "user-1", { Browser: "Firefox" })).toBeNull();
    expect(await client.activateExperiment("E", "user-1", { Browser: "Firefox" })).toBeNull();
  });

  it("OR-s several audience links", async () => {
    const { client } = await testClient({
      audiences: [chrome, india],
      experiments: [
        experiment("E", {
          audiences: [{ audience_link_name: "chrome" }, { audience_link_name: "india" }],
        }),
      ],
    });
    expect(await reasonFor(client, "E", { Browser: "Chrome", country: "US" })).toBe("BUCKETED");
    expect(await reasonFor(client, "E", { Browser: "Safari", country: "IN" })).toBe("BUCKETED");
    expect(await reasonFor(client, "E", { Browser: "Safari", country: "US" })).toBe(
      "AUDIENCE_MISMATCH",
    );
  });

  it("admits everyone through an 'all' link, with or without attributes", async () => {
    const { client } = await testClient({
      audiences: [chrome],
      experiments: [
        experiment("All", { audiences: [{ audience_link_name: "all" }] }),
        experiment("ChromeOrAll", {
          audiences: [{ audience_link_name: "chrome" }, { audience_link_name: "all" }],
        }),
      ],
    });
    for (const attrs of [undefined, {}, { Browser: "Firefox" }, { Browser: "Chrome" }] as Array<
      Record<string, string> | undefined
    >) {
      expect(await reasonFor(client, "All", attrs)).toBe("BUCKETED");
      expect(await reasonFor(client, "ChromeOrAll", attrs)).toBe("BUCKETED");
    }
  });

  it("without attributes (absent, empty or null) only All Visitors experiments qualify", async () => {
    const { client } = await testClient({
      audiences: [
        chrome,
        audience("anyone", null),
        audience("notBot", and(leaf("Device", 2, ["bot"]))),
        audience("emptyAnd", and()),
      ],
      experiments: [
        experiment("All"),
        experiment("Chrome", { audiences: [{ audience_link_name: "chrome" }] }),
        experiment("NullTree", { audiences: [{ audience_link_name: "anyone" }] }),
        experiment("NotBot", { audiences: [{ audience_link_name: "notBot" }] }),
        experiment("EmptyAnd", { audiences: [{ audience_link_name: "emptyAnd" }] }),
      ],
    });
    for (const attrs of [undefined, {}, null]) {
      const a = attrs as Record<string, string> | undefined;
      expect(await reasonFor(client, "All", a)).toBe("BUCKETED");
      for (const name of ["Chrome", "NullTree", "NotBot", "EmptyAnd"]) {
        expect(await reasonFor(client, name, a), `${name} with ${JSON.stringify(attrs)}`).toBe(
          "NO_ATTRIBUTES",
        );
        expect(await client.getVariationName(name, "user-1", a)).toBeNull();
      }
    }
    // With any attribute at all, the trees that match missing attributes admit the user.
    const other = { plan: "free" };
    expect(await reasonFor(client, "NullTree", other)).toBe("BUCKETED");
    expect(await reasonFor(client, "NotBot", other)).toBe("BUCKETED");
    expect(await reasonFor(client, "EmptyAnd", other)).toBe("BUCKETED");
    expect(await reasonFor(client, "Chrome", other)).toBe("AUDIENCE_MISMATCH");
  });

  it("an audience with a missing or null tree matches everyone who has attributes", async () => {
    const { client } = await testClient({
      audiences: [
        { audience_link_name: "missing" },
        audience("nullTree", null),
        audience("blank", ""),
      ],
      experiments: [
        experiment("Missing", { audiences: [{ audience_link_name: "missing" }] }),
        experiment("Null", { audiences: [{ audience_link_name: "nullTree" }] }),
        experiment("Blank", { audiences: [{ audience_link_name: "blank" }] }),
      ],
    });
    for (const name of ["Missing", "Null", "Blank"]) {
      expect(await reasonFor(client, name, { anything: "x" })).toBe("BUCKETED");
    }
  });

  it("accepts audience_condition_json as a JSON string", async () => {
    const tree = or(
      and(leaf("Browser", 1, ["Chrome"]), leaf("OS", 3, ["Mac"])),
      leaf("planType", 1, ["enterprise"]),
    );
    const { client } = await testClient({
      audiences: [audience("str", JSON.stringify(tree))],
      experiments: [experiment("E", { audiences: [{ audience_link_name: "str" }] })],
    });
    expect(await reasonFor(client, "E", { Browser: "Chrome", OS: "MacOS 14" })).toBe("BUCKETED");
    expect(await reasonFor(client, "E", { planType: "enterprise" })).toBe("BUCKETED");
    expect(await reasonFor(client, "E", { Browser: "Chrome", OS: "Windows" })).toBe(
      "AUDIENCE_MISMATCH",
    );
  });

  it("evaluates every operator with present, non-matching and missing attributes", async () => {
    const audiences = [1, 2, 3, 4, 99].map((op) =>
      audience(`op${op}`, and(leaf("Device", op, ["Phone", "Tab"]))),
    );
    const { client, logger } = await testClient({
      audiences,
      experiments: [1, 2, 3, 4, 99].map((op) =>
        experiment(`Op${op}`, { audiences: [{ audience_link_name: `op${op}` }] }),
      ),
    });
    const cases: Array<[op: number, matching: string, other: string, missing: boolean]> = [
      [1, "Phone", "Desktop", false],
      [2, "Desktop", "Tab", true],
      [3, "SmartPhone X", "Desktop", false],
      [4, "Desktop", "iTablet", true],
    ];
    for (const [op, matching, other, missing] of cases) {
      expect(await reasonFor(client, `Op${op}`, { Device: matching }), `op ${op} match`).toBe(
        "BUCKETED",
      );
      expect(await reasonFor(client, `Op${op}`, { Device: other }), `op ${op} other`).toBe(
        "AUDIENCE_MISMATCH",
      );
      expect(await reasonFor(client, `Op${op}`, { OS: "x" }), `op ${op} missing`).toBe(
        missing ? "BUCKETED" : "AUDIENCE_MISMATCH",
      );
    }
    for (const attrs of [{ Device: "Phone" }, { Device: "Desktop" }, { OS: "x" }] as Array<
      Record<string, string>
    >) {
      expect(await reasonFor(client, "Op99", attrs)).toBe("AUDIENCE_MISMATCH");
    }
    expect(logger.at("WARNING").filter((m) => m.includes("unknown operator 99"))).toHaveLength(1);
  });

  it("a link to an audience missing from the project never matches", async () => {
    const { client, logger } = await testClient({
      experiments: [experiment("E", { audiences: [{ audience_link_name: "ghost" }] })],
    });
    expect(await reasonFor(client, "E", { Browser: "Chrome" })).toBe("AUDIENCE_MISMATCH");
    expect(logger.matching('links unknown audience "ghost"')).toHaveLength(1);
  });

  it("checks the audience before traffic, so a non-matching user gets no bucket", async () => {
    const { client } = await testClient({
      audiences: [chrome],
      experiments: [experiment("E", { audiences: [{ audience_link_name: "chrome" }] })],
    });
    expect(await client.decide("E", "user-1", { Browser: "Edge" })).toEqual({
      variationName: null,
      variationKey: null,
      bucket: null,
      reason: "AUDIENCE_MISMATCH",
    });
  });
});
