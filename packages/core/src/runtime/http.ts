import { type $Fetch, ofetch } from "ofetch";

/** A response reduced to what the SDK reads. */
export interface HttpResponse {
  status: number;
  header(name: string): string | null;
  text: string;
}

/** A request as the SDK sends it. */
export interface HttpRequest {
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Abort after this many ms (then the request rejects). */
  timeout: number;
  keepalive?: boolean;
}

/**
 * The HTTP layer the SDK talks through: resolves with the response whatever its status, rejects
 * on network failure or timeout. Servers use {@link HttpClient} (ofetch); the browser package
 * passes the smaller {@link fetchHttp}.
 */
export interface Http {
  request(url: string, init: HttpRequest): Promise<HttpResponse>;
}

/** Minimal HTTP client over `ofetch` (no retries of its own: the SDK retries with backoff). */
export class HttpClient implements Http {
  private readonly $fetch: $Fetch;

  constructor(fetchImpl?: typeof fetch) {
    this.$fetch = fetchImpl ? ofetch.create({}, { fetch: fetchImpl }) : ofetch;
  }

  /**
   * Sends a request and resolves with the response whatever its status.
   * @throws on network failure or timeout.
   */
  async request(url: string, init: HttpRequest): Promise<HttpResponse> {
    const res = await this.$fetch.raw<string, "text">(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      timeout: init.timeout,
      keepalive: init.keepalive,
      retry: 0,
      ignoreResponseError: true,
      responseType: "text",
    });
    return {
      status: res.status,
      header: (name) => res.headers.get(name),
      text: typeof res._data === "string" ? res._data : "",
    };
  }
}
