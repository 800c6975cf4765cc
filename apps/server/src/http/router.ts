import type { IncomingMessage, ServerResponse } from "node:http";
import { EVENT_ENDPOINTS, SETTINGS_ENDPOINT } from "@pagesense/protocol";
import type { AppContext, Handler } from "./context";
import { send, statusBody } from "./respond";
import { eventRoute } from "./routes/eventRoutes";
import { reportApi, reportIndexApi, reportIndexPage, reportPage } from "./routes/reportRoutes";
import { settingsRoute } from "./routes/settingsRoute";

interface Route {
  methods: readonly string[];
  /** Path segments; `:name` captures one segment. */
  segments: readonly string[];
  handler: Handler;
}

const route = (methods: string[], path: string, handler: Handler): Route => ({
  methods,
  segments: path.split("/").filter(Boolean),
  handler,
});

const health: Handler = ({ res, app }) =>
  send(res, 200, { status: "ok", settingsVersion: app.settings.current.version });

const home: Handler = ({ res }) => send(res, 302, undefined, { location: "/report" });

/** Every endpoint of the server. */
export const ROUTES: readonly Route[] = [
  route(["GET"], SETTINGS_ENDPOINT.path, settingsRoute),
  route(["GET", "POST"], EVENT_ENDPOINTS.visit.path, eventRoute("visit")),
  route(["GET", "POST"], EVENT_ENDPOINTS.goal.path, eventRoute("goal")),
  route(["GET"], "/report", reportIndexPage),
  route(["GET"], "/report/:experiment", reportPage),
  route(["GET"], "/api/report", reportIndexApi),
  route(["GET"], "/api/report/:experiment", reportApi),
  route(["GET"], "/health", health),
  route(["GET"], "/", home),
];

function match(route: Route, segments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const pattern = route.segments[i]!;
    const actual = segments[i]!;
    if (pattern.startsWith(":")) {
      try {
        params[pattern.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (pattern !== actual) return undefined;
  }
  return params;
}

/** The HTTP request listener: CORS preflight, routing, 404/405, and 500 on unexpected errors. */
export function createRequestListener(app: AppContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const segments = url.pathname.split("/").filter(Boolean);
      const candidates = ROUTES.map((r) => ({ r, params: match(r, segments) })).filter(
        (c) => c.params !== undefined,
      );
      if (candidates.length === 0)
        return send(res, 404, statusBody(404, `no such endpoint: ${url.pathname}`));
      if (req.method === "OPTIONS") return send(res, 204, undefined);
      const found = candidates.find((c) => c.r.methods.includes(req.method ?? "GET"));
      if (!found) {
        const allowed = [...new Set(candidates.flatMap((c) => c.r.methods))].join(", ");
        return send(res, 405, statusBody(405, `method ${req.method} not allowed`), {
          allow: `${allowed}, OPTIONS`,
        });
      }
      await found.r.handler({ req, res, url, params: found.params!, app });
    } catch (error) {
      app.logger.error(
        {
          err: error instanceof Error ? (error.stack ?? error.message) : String(error),
          url: req.url,
        },
        "request failed",
      );
      if (!res.headersSent) send(res, 500, statusBody(500, "internal error"));
      else res.destroy();
    }
  };
}
