import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import {
  type FakePageSense,
  type LocalServer,
  listenLocal,
  startPageSenseServer,
} from "@pagesense/testing";

/** The settings every run decides with (committed: the decisions checksum depends on it). */
export const SETTINGS = readFileSync(
  new URL("../../fixtures/settings.json", import.meta.url),
  "utf8",
);

/** An event request as its bytes arrived, with the status answered. */
export interface TappedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string;
  status: number;
}

/**
 * A collector for one run: the fake PageSense server (serving {@link SETTINGS}, answering the first
 * event request with 503) behind a tap that keeps the raw bytes of every event request, which the
 * fake server only keeps parsed.
 */
export interface Collector {
  /** The tap's URL: the `baseUrl` the run is given. */
  url: string;
  server: FakePageSense;
  /** Event requests in arrival order, as sent. */
  events: TappedRequest[];
  close(): Promise<void>;
}

const readAll = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

/** Starts a collector on 127.0.0.1 (`failFirstEvent: false`: no 503 for the first event request). */
export async function startCollector({ failFirstEvent = true } = {}): Promise<Collector> {
  const server = await startPageSenseServer({
    settings: SETTINGS,
    sdkKey: "sdk-demo",
    projectName: "Shop",
  });
  if (failFirstEvent) server.fail("events", { status: 503, times: 1 });
  const events: TappedRequest[] = [];
  const tap: LocalServer = await listenLocal(
    createServer(async (req, res) => {
      const body = await readAll(req);
      const headers: Record<string, string> = {};
      for (const name of ["content-type", "x-sdk-project-version"]) {
        const value = req.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const answer = await fetch(server.url + req.url, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
      });
      const text = await answer.text();
      if (req.url?.startsWith("/psfullstacksdk/track")) {
        events.push({
          method: req.method ?? "",
          path: req.url,
          contentType: req.headers["content-type"],
          body,
          status: answer.status,
        });
      }
      const version = answer.headers.get("x-current-project-version");
      res.writeHead(answer.status, {
        "content-type": answer.headers.get("content-type") ?? "text/plain",
        ...(version ? { "x-current-project-version": version } : {}),
      });
      res.end(text);
    }),
  );
  return {
    url: tap.url,
    server,
    events,
    async close() {
      await tap.close();
      await server.close();
    },
  };
}
