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

/** Serves `handle`'s answer as JSON with its status; `parsedBody` stands for a body parser's. */
async function webhookServer(handle: WebhookHandler, parsedBody?: unknown) {
  server = await serve(async (req, res) => {
    const result = await handle({ req, parsedBody });
    res.statusCode = result.status;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(result));
  });
  return (body: string) =>
    fetch(server!.url, { method: "POST", body, headers: { "x-oauth-token": "t0ken" } });
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
    expect((calls[0]!.request.headers as Record<string, string>)["x-oauth-token"]).toBe("t0ken");
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
