import { type $Fetch, ofetch } from "ofetch";

/** A response reduced to what the SDK reads. */
export interface HttpResponse {
  status: number;
  header(name: string): string | null;
  text: string;
}

/** Minimal HTTP client over `ofetch` (no retries of its own: the SDK retries with backoff). */
export class HttpClient {
  private readonly $fetch: $Fetch;

  constructor(fetchImpl?: typeof fetch) {
    this.$fetch = fetchImpl ? ofetch.create({}, { fetch: fetchImpl }) : ofetch;
  }

  /**
   * Sends a request and resolves with the response whatever its status.
   * @throws on network failure or timeout.
   */
  async request(
    url: string,
    init: {
      method: "GET" | "POST";
      headers?: Record<string, string>;
      body?: string;
      timeout: number;
      keepalive?: boolean;
    },
  ): Promise<HttpResponse> {
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
