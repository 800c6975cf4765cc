import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CURRENT_VERSION_HEADER,
  type EventKind,
  type EventRequest,
  endpointOf,
  eventRequestText,
  PROJECT_VERSION_HEADER,
  parseEventRequest,
  parseJson,
  parseSettingsRequest,
} from "@pagesense/protocol";
import { exampleSettings } from "../fixtures/exampleSettings";
import { type EndpointGroup, type Failure, type FailureAction, FailureInjector } from "./failures";
import { CORS_HEADERS, errorBody, readBody, send } from "./http";
import type {
  AcceptedPayload,
  EventRequestRecord,
  ReceivedGoal,
  ReceivedSettingsQuery,
  ReceivedVisit,
  SettingsRequestRecord,
} from "./records";
import { waitFor } from "./waitFor";

/** Options of {@link startPageSenseServer}. */
export interface FakePageSenseOptions {
  /**
   * The settings document served (an object, or JSON text served verbatim). Default: the spec's
   * example document ({@link exampleSettings}). `null`: no settings yet (the endpoint answers 404).
   */
  settings?: unknown;
  /** Version of the initial settings (`x-current-project-version`). Default `"1"`. */
  version?: string;
  /** When set, settings requests whose `fpqd.sk` differs are answered 403. */
  sdkKey?: string;
  /** When set, settings requests whose `fpqd.pn` differs are answered 404. */
  projectName?: string;
  /** Port on 127.0.0.1. Default 0 (any free port). */
  port?: number;
}

/** A running fake PageSense server (see {@link startPageSenseServer}). */
export interface FakePageSense {
  /** Base URL to give the SDK as `baseUrl`, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** The version of the settings served now. */
  readonly version: string;
  /** Whether the listener is open (false after {@link down} or {@link close}). */
  readonly isUp: boolean;
  /** Every settings request received, in order (including failed and 304 ones). */
  readonly settingsRequests: readonly SettingsRequestRecord[];
  /** Every request to the event endpoints, in order (including rejected and failed ones). */
  readonly eventRequests: readonly EventRequestRecord[];
  /** The event request bodies accepted (answered 200), in order. */
  readonly payloads: readonly AcceptedPayload[];
  /** Every visit record accepted, flattened, with its user id. */
  readonly visits: readonly ReceivedVisit[];
  /** Every goal record accepted, flattened, with its user id. */
  readonly goals: readonly ReceivedGoal[];
  /**
   * Serves `doc` from now on (object, JSON text, or null for none) under `version` (default: the
   * next number of the counter "1", "2", ...). Returns the new version.
   */
  setSettings(doc: unknown, version?: string): string;
  /** Makes the `settings` or `events` endpoints misbehave (see {@link Failure}), replacing any earlier failure. */
  fail(group: EndpointGroup, failure: Failure): void;
  /** Ends an injected failure of `group`, or of both groups. */
  clearFailures(group?: EndpointGroup): void;
  /** Closes the listener and drops every connection: requests get "connection refused". */
  down(): Promise<void>;
  /** Reopens the listener on the same port. */
  up(): Promise<void>;
  /** Polls `predicate(server)` until true; rejects after `timeoutMs` (default 5000) with a summary. */
  waitFor(
    predicate: (server: FakePageSense) => boolean | Promise<boolean>,
    timeoutMs?: number,
  ): Promise<void>;
  /** Forgets every recorded request and clears injected failures (settings and version stay). */
  reset(): void;
  /** Stops the server for good. */
  close(): Promise<void>;
}

const GARBAGE = '{"status_code":"200","projectsettings":[{"project_name":';
const HOST = "127.0.0.1";

class FakePageSenseServer implements FakePageSense {
  readonly settingsRequests: SettingsRequestRecord[] = [];
  readonly eventRequests: EventRequestRecord[] = [];
  readonly payloads: AcceptedPayload[] = [];
  readonly visits: ReceivedVisit[] = [];
  readonly goals: ReceivedGoal[] = [];
  port = 0;
  private readonly server: Server;
  private readonly failures = new FailureInjector();
  private settingsBody: string | null;
  private currentVersion: string;
  private versionCounter = 1;
  private invalidCounter = 0;
  private listening = false;
  private closed = false;

  constructor(private readonly options: FakePageSenseOptions) {
    this.settingsBody = serialize(
      options.settings === undefined ? exampleSettings() : options.settings,
    );
    this.currentVersion = options.version ?? "1";
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, errorBody(500, String(error)));
      });
    });
    this.server.requestTimeout = 0;
  }

  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  get version(): string {
    return this.currentVersion;
  }

  get isUp(): boolean {
    return this.listening;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once("error", onError);
      this.server.listen({ host: HOST, port }, () => {
        this.server.off("error", onError);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  setSettings(doc: unknown, version?: string): string {
    this.versionCounter++;
    this.settingsBody = serialize(doc);
    this.currentVersion = version ?? String(this.versionCounter);
    return this.currentVersion;
  }

  fail(group: EndpointGroup, failure: Failure): void {
    this.failures.set(group, failure);
  }

  clearFailures(group?: EndpointGroup): void {
    this.failures.clear(group);
  }

  async down(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  async up(): Promise<void> {
    if (this.closed) throw new Error("FakePageSense: up() after close()");
    if (this.listening) return;
    await this.listen(this.port);
  }

  async waitFor(
    predicate: (server: FakePageSense) => boolean | Promise<boolean>,
    timeoutMs = 5000,
  ): Promise<void> {
    await waitFor(() => predicate(this), timeoutMs, { describe: () => this.summary() });
  }

  reset(): void {
    for (const list of [
      this.settingsRequests,
      this.eventRequests,
      this.payloads,
      this.visits,
      this.goals,
    ]) {
      list.length = 0;
    }
    this.failures.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.down();
  }

  private summary(): string {
    return `server saw ${this.settingsRequests.length} settings requests, ${this.eventRequests.length} event requests, ${this.visits.length} visits, ${this.goals.length} goals`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", this.url);
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (body === null) {
      send(res, 413, errorBody(413, "request body too large"));
      return;
    }
    const endpoint = endpointOf(url.pathname);
    if (endpoint === undefined) {
      send(res, 404, errorBody(404, `no such endpoint: ${url.pathname}`));
    } else if (endpoint === "settings") {
      this.handleSettings(req, res, url);
    } else {
      this.handleEvent(endpoint, req, res, url, body);
    }
  }

  private handleSettings(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const rawText = url.searchParams.get("raw");
    const raw = rawText === null ? undefined : parseJson(rawText);
    const fpqd =
      isObject(raw) && isObject(raw.fpqd) ? (raw.fpqd as ReceivedSettingsQuery) : undefined;
    const versionHeader = req.headers[PROJECT_VERSION_HEADER];
    const record: SettingsRequestRecord = {
      raw,
      fpqd,
      projectVersion: Array.isArray(versionHeader) ? versionHeader[0] : versionHeader,
      headers: req.headers,
      status: null,
      at: Date.now(),
    };
    this.settingsRequests.push(record);
    const answer = this.settingsAnswer(req.method, url, record);
    if (answer === HANG) return;
    record.status = answer.status;
    send(res, answer.status, answer.body, answer.headers);
  }

  private settingsAnswer(
    method: string | undefined,
    url: URL,
    record: SettingsRequestRecord,
  ): Answer | typeof HANG {
    if (method !== "GET") return error(405, "use GET");
    const failure = this.failures.take("settings");
    if (failure?.type === "invalid-document") {
      this.invalidCounter++;
      return {
        status: 200,
        body: {
          status_code: "200",
          status_string: "success",
          count: 1,
          projectsettings: [
            { project_name: typeof record.fpqd?.pn === "string" ? record.fpqd.pn : "Shop" },
          ],
        },
        headers: { [CURRENT_VERSION_HEADER]: `invalid-${this.invalidCounter}` },
      };
    }
    if (failure) return failureAnswer(failure);
    const parsed = parseSettingsRequest(url.searchParams);
    if (!parsed.ok) return error(400, parsed.error);
    const { query } = parsed;
    if (this.options.sdkKey !== undefined && query.sk !== this.options.sdkKey) {
      return error(403, "invalid sdk key");
    }
    if (this.options.projectName !== undefined && query.pn !== this.options.projectName) {
      return error(404, "unknown project");
    }
    if (this.settingsBody === null) return error(404, "no settings published yet");
    const headers = { [CURRENT_VERSION_HEADER]: this.currentVersion };
    if (record.projectVersion === this.currentVersion)
      return { status: 304, body: undefined, headers };
    return { status: 200, body: this.settingsBody, headers };
  }

  private handleEvent(
    kind: EventKind,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    bodyText: string,
  ): void {
    const request = { method: req.method ?? "", query: url.searchParams, body: bodyText };
    const text = eventRequestText(request);
    const record: EventRequestRecord = {
      kind,
      method: request.method,
      headers: req.headers,
      body: text === undefined ? undefined : parseJson(text),
      status: null,
      at: Date.now(),
    };
    this.eventRequests.push(record);
    const answer = this.eventAnswer(kind, request, record);
    if (answer === HANG) return;
    record.status = answer.status;
    if (answer.status === 400)
      record.error = (answer.body as { status_string: string }).status_string;
    send(res, answer.status, answer.body, answer.headers);
  }

  private eventAnswer(
    kind: EventKind,
    request: EventRequest,
    record: EventRequestRecord,
  ): Answer | typeof HANG {
    if (record.method !== "POST" && record.method !== "GET") {
      return error(405, "use POST (or GET with raw=)");
    }
    const failure = this.failures.take("events");
    if (failure) return failureAnswer(failure);
    const check = parseEventRequest(kind, request);
    if (!check.ok) return error(400, check.error);
    const userId = check.payload.furd.f;
    if (check.kind === "visit") {
      this.payloads.push({ kind: "visit", method: record.method, userId, body: check.payload });
      for (const r of check.payload.fvrd) this.visits.push({ ...r, userId });
    } else {
      this.payloads.push({ kind: "goal", method: record.method, userId, body: check.payload });
      for (const r of check.payload.fgrd) this.goals.push({ ...r, userId });
    }
    return { status: 200, body: { status_code: "200", status_string: "success" } };
  }
}

/** A response to send. */
interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Marks a request left unanswered (an injected hang); down()/close() drop its connection. */
const HANG = Symbol("hang");

function error(status: number, message: string): Answer {
  return { status, body: errorBody(status, message) };
}

function failureAnswer(failure: FailureAction): Answer | typeof HANG {
  switch (failure.type) {
    case "hang":
      return HANG;
    case "status":
      return failure.status === 204 || failure.status === 304
        ? { status: failure.status, body: undefined }
        : error(failure.status, "injected failure");
    default:
      return { status: 200, body: GARBAGE };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function serialize(doc: unknown): string | null {
  if (doc === null) return null;
  return typeof doc === "string" ? doc : JSON.stringify(doc);
}

/**
 * Starts a fake PageSense server on 127.0.0.1 (spec section 6): the settings endpoint (with
 * versions and 304s) and the visit and goal endpoints (POST JSON or GET `raw=`), which check
 * requests with `@pagesense/protocol` (the rule `apps/server` applies too) and record what they
 * accept, normalised. Close it with `close()`.
 */
export async function startPageSenseServer(
  options: FakePageSenseOptions = {},
): Promise<FakePageSense> {
  const server = new FakePageSenseServer(options);
  await server.listen(options.port ?? 0);
  return server;
}
