import type { IncomingMessage } from "node:http";
import { ConfigurationError } from "@pagesense/core";
import { RecordingLogger } from "@pagesense/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createRequestUserResolver, type RequestUserOptions } from "../../src/http/index";
import { serve, type TestServer } from "./support";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves the resolved user of each request as JSON, resolving it `times` times. */
async function userServer(options: RequestUserOptions<IncomingMessage>, times = 1) {
  const resolve = createRequestUserResolver(options);
  server = await serve(async (req, res) => {
    const users = await Promise.all(Array.from({ length: times }, () => resolve({ req, res })));
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(users));
  });
  return async (headers: Record<string, string> = {}) => {
    const response = await fetch(server!.url, { headers });
    return {
      users: (await response.json()) as Array<{ userId: string; source: string }>,
      setCookie: response.headers.getSetCookie(),
    };
  };
}

describe("createRequestUserResolver", () => {
  it("issues one cookie when a request is resolved several times at once", async () => {
    const get = await userServer({}, 3);
    const { users, setCookie } = await get();
    expect(new Set(users.map((u) => u.userId)).size).toBe(1);
    expect(users[0]!.source).toBe("new");
    expect(setCookie).toHaveLength(1);
  });

  it("reads the cookie among others, and replaces an oversized id", async () => {
    const get = await userServer({});
    const known = await get({ cookie: "theme=dark; pagesense_uid=abc-123; lang=en" });
    expect(known.users[0]).toMatchObject({ userId: "abc-123", source: "cookie" });
    expect(known.setCookie).toEqual([]);
    const huge = await get({ cookie: `pagesense_uid=${"a".repeat(500)}` });
    expect(huge.users[0]!.source).toBe("new");
    expect(huge.setCookie).toHaveLength(1);
  });

  it("believes X-Forwarded-Proto only with trustProxy", async () => {
    const trusting = await userServer({ trustProxy: true });
    const secure = await trusting({ "x-forwarded-proto": "https, http" });
    expect(secure.setCookie[0]).toContain("Secure");
    await server!.close();
    const plain = await userServer({});
    expect((await plain({ "x-forwarded-proto": "https" })).setCookie[0]).not.toContain("Secure");
  });

  it("always marks SameSite=None cookies Secure, and honours an explicit secure: false otherwise", async () => {
    const none = await userServer({ cookie: { sameSite: "none" } });
    expect((await none()).setCookie[0]).toMatch(/Secure.*SameSite=None|SameSite=None.*Secure/);
    await server!.close();
    const forcedOff = await userServer({ trustProxy: true, cookie: { secure: false } });
    expect((await forcedOff({ "x-forwarded-proto": "https" })).setCookie[0]).not.toContain(
      "Secure",
    );
  });

  it("accepts numeric ids from userId(req) and falls back to the cookie for empty ones", async () => {
    const numeric = await userServer({ userId: () => 42 as unknown as string });
    expect((await numeric()).users[0]).toMatchObject({ userId: "42", source: "custom" });
    await server!.close();
    const empty = await userServer({ userId: async () => "" });
    expect((await empty()).users[0]!.source).toBe("new");
  });

  it("logs, and does not set, a cookie when the response was already sent", async () => {
    const logger = new RecordingLogger();
    const resolve = createRequestUserResolver({ logger });
    let userId = "";
    server = await serve(async (req, res) => {
      res.end("done");
      userId = (await resolve({ req, res })).userId;
    });
    const response = await fetch(server.url);
    expect(await response.text()).toBe("done");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logger.texts()).toContainEqual(expect.stringContaining("already sent"));
  });

  it("keeps only string-like attributes from attributes(req)", async () => {
    const logger = new RecordingLogger();
    const resolve = createRequestUserResolver({
      logger,
      attributes: () => ({ plan: "pro", seats: 3 as unknown as string, nested: {} as string }),
    });
    let attributes: Record<string, string> = {};
    server = await serve(async (req, res) => {
      attributes = (await resolve({ req, res })).attributes;
      res.end();
    });
    await fetch(server.url, { headers: { "user-agent": "curl/8" } });
    expect(attributes).toEqual({
      Browser: "Other",
      OS: "Other",
      Device: "Other",
      plan: "pro",
      seats: "3",
    });
    expect(logger.texts()).toContainEqual(expect.stringContaining('"nested"'));
  });

  it("throws a ConfigurationError for unusable options", () => {
    const bad: unknown[] = [
      { cookieName: "a b" },
      { cookieName: "" },
      { userId: "x" },
      { attributes: 1 },
      { logger: {} },
      { cookie: { maxAge: -1 } },
      { cookie: { path: "relative" } },
      { cookie: { secure: "yes" } },
      { cookie: { domain: "" } },
    ];
    for (const options of bad) {
      expect(() => createRequestUserResolver(options as RequestUserOptions)).toThrow(
        ConfigurationError,
      );
    }
  });
});
