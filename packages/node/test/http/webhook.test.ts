import { once } from "node:events";
import { type IncomingMessage, request } from "node:http";
import type { WebhookClient, WebhookRequest } from "@pagesense/core";
import { ConfigurationError } from "@pagesense/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  createWebhookHandler,
  WEBHOOK_BODY_LIMIT,
  type WebhookHandler,
} from "../../src/http/index";
import { serve, type TestServer } from "./support";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client whose `handleWebhook` records its calls and answers 200. */
function recordingClient() {
  const calls: Array<{ request: WebhookRequest; token: string }> = [];
  const client: Pick<WebhookClient, "handleWebhook"> = {
    handleWebhook: async (request, options) => {
      calls.push({ request, token: options.token });
      return { status: 200, message: "settings updated" };
    },
  };
  return { client, calls };
}

/**
 * Serves `handle`'s answer as JSON with its status; `parsedBody` and `bodyRefused` stand for a
 * body parser's result or refusal.
 */
async function webhookServer(
  handle: WebhookHandler,
  parsedBody?: unknown,
  bodyRefused?: { status: number; message: string },
) {
  server = await serve(async (req, res) => {
    const result = await handle({ req, parsedBody, bodyRefused });
    res.statusCode = result.status;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(result));
  });
  return (body: string) =>
    fetch(server!.url, { method: "POST", body, headers: { "x-oauth-token": "secret" } });
}

describe("createWebhookHandler", () => {
  it("throws a ConfigurationError for a missing client or token", () => {
    const { client } = recordingClient();
    const bad: Array<[unknown, unknown]> = [
      [undefined, "t0ken"],
      [{}, "t0ken"],
      [client, ""],
      [client, undefined],
      [client, 42],
    ];
    for (const [c, token] of bad) {
      expect(() =>
        createWebhookHandler(c as Pick<WebhookClient, "handleWebhook">, token as string),
      ).toThrow(ConfigurationError);
    }
    expect(() => createWebhookHandler(client, "")).toThrow(/token/);
    expect(() => createWebhookHandler({} as WebhookClient, "t0ken")).toThrow(/client/);
  });

  it("hands the headers, the body text and the token to client.handleWebhook", async () => {
    const { client, calls } = recordingClient();
    const post = await webhookServer(createWebhookHandler(client, "secret"));
    const response = await post('{"ProjectName":"Shop"}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 200, message: "settings updated" });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.token).toBe("secret");
    expect(calls[0]!.request.body).toBe('{"ProjectName":"Shop"}');
    expect((calls[0]!.request.headers as Record<string, string>)["x-oauth-token"]).toBe("secret");
  });

  it("uses a body parser's result", async () => {
    const { client, calls } = recordingClient();
    const post = await webhookServer(createWebhookHandler(client, "secret"), { ProjectName: "P" });
    expect((await post("ignored")).status).toBe(200);
    expect(calls[0]!.request.body).toEqual({ ProjectName: "P" });
  });

  it("answers 413 for a body over 64 KB without calling the client", async () => {
    const { client, calls } = recordingClient();
    const post = await webhookServer(createWebhookHandler(client, "secret"));
    const response = await post("x".repeat(WEBHOOK_BODY_LIMIT + 1));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/64 KB/);
    expect(calls).toHaveLength(0);
  });
});

describe("handleWebhookCall order: token, then size, then body", () => {
  /** Posts `body` with `token` (none when null) to the test server. */
  const postWith = (body: string, token: string | null) =>
    fetch(server!.url, {
      method: "POST",
      body,
      headers: token === null ? {} : { "x-oauth-token": token },
    });

  it("hands a wrong or missing token to the client without the body, whatever its size", async () => {
    const { client, calls } = recordingClient();
    await webhookServer(createWebhookHandler(client, "secret"));
    const big = "x".repeat(100 * 1024);
    expect((await postWith(big, "wrong")).status).toBe(200); // the recording client's answer
    expect((await postWith(big, null)).status).toBe(200);
    expect(calls.map((call) => call.request.body)).toEqual([undefined, undefined]);
    expect((calls[0]!.request.headers as Record<string, string>)["x-oauth-token"]).toBe("wrong");
  });

  it("answers a wrong token before the body has arrived", async () => {
    const { client, calls } = recordingClient();
    await webhookServer(createWebhookHandler(client, "secret"));
    const url = new URL(server!.url);
    const req = request({
      host: url.hostname,
      port: url.port,
      method: "POST",
      headers: { "x-oauth-token": "wrong", "content-length": String(200 * 1024) },
    });
    req.write("x".repeat(1024)); // 1 KB of a declared 200 KB: the rest is never sent
    const [response] = (await once(req, "response")) as [IncomingMessage];
    expect(response.statusCode).toBe(200); // the recording client's answer
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request.body).toBeUndefined();
    response.resume();
    req.destroy();
  });

  it("checks the size once the token is right: 413 for 100 KB, without calling the client", async () => {
    const { client, calls } = recordingClient();
    await webhookServer(createWebhookHandler(client, "secret"));
    const response = await postWith("x".repeat(100 * 1024), "secret");
    expect(response.status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it("answers a body parser's refusal once the token is right", async () => {
    const { client, calls } = recordingClient();
    const refused = { status: 400, message: "the body is not JSON" };
    await webhookServer(createWebhookHandler(client, "secret"), undefined, refused);
    const right = await postWith("{not json", "secret");
    expect(right.status).toBe(400);
    expect(await right.json()).toEqual(refused);
    expect(calls).toHaveLength(0);
    await postWith("{not json", "wrong");
    expect(calls.map((call) => call.request.body)).toEqual([undefined]);
  });

  it("answers 413 for a parsed body declared over 64 KB", async () => {
    const { client, calls } = recordingClient();
    await webhookServer(createWebhookHandler(client, "secret"), { ProjectName: "P" });
    const response = await postWith("x".repeat(WEBHOOK_BODY_LIMIT + 1), "secret");
    expect(response.status).toBe(413);
    expect(calls).toHaveLength(0);
  });
});
