import { afterEach, describe, expect, it } from "vitest";
import { readWebhookBody, WEBHOOK_BODY_LIMIT, type WebhookBody } from "../../src/http/body";
import { serve, type TestServer } from "./support";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Posts `body` to a server that reads it with readWebhookBody and answers what it read. */
async function post(
  body: NonNullable<RequestInit["body"]>,
  headers: Record<string, string> = {},
): Promise<WebhookBody> {
  let read: WebhookBody | undefined;
  server = await serve(async (req, res) => {
    read = await readWebhookBody(req, undefined);
    res.end();
  });
  await fetch(server.url, { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return read!;
}

describe("readWebhookBody", () => {
  it("reads the text of the stream when no body parser ran", async () => {
    expect(await post('{"a":1}')).toEqual({ ok: true, body: '{"a":1}' });
  });

  it("refuses a declared length over the limit without reading it", async () => {
    const result = await post("x".repeat(WEBHOOK_BODY_LIMIT + 1));
    expect(result).toMatchObject({ ok: false, status: 413 });
  });

  it("stops reading a chunked body once it passes the limit", async () => {
    const chunk = new Uint8Array(16 * 1024).fill(120);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    expect(await post(stream)).toMatchObject({ ok: false, status: 413 });
  });

  it("uses what a body parser produced", async () => {
    server = await serve(async (req, res) => {
      const parsed = await readWebhookBody(req, { ProjectName: "Shop" });
      const text = await readWebhookBody(req, "x".repeat(WEBHOOK_BODY_LIMIT + 1));
      const buffer = await readWebhookBody(req, Buffer.from("{}"));
      res.end(JSON.stringify([parsed, text.ok, buffer.ok]));
    });
    const response = await fetch(server.url, { method: "POST", body: "ignored" });
    expect(await response.json()).toEqual([
      { ok: true, body: { ProjectName: "Shop" } },
      false,
      true,
    ]);
  });
});
