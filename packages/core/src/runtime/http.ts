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
  /** Abort after this many ms, body included (then the request rejects). */
  timeout: number;
  keepalive?: boolean;
  /** Aborts the request early (e.g. when `close()` gives up on it). */
  signal?: AbortSignal;
}

/**
 * The HTTP layer the SDK talks through: resolves with the response whatever its status, rejects
 * on network failure or timeout. Both servers and browsers use {@link HttpClient} (the platform's
 * `fetch`); Node's event requests go through its own keep-alive transport.
 */
export interface Http {
  request(url: string, init: HttpRequest): Promise<HttpResponse>;
}

/**
 * The platform's `fetch` with a timeout over the WHOLE request: headers and body. A server that
 * sends headers and then stalls or trickles its body still fails within `timeout`. No retries of
 * its own: the SDK retries with backoff. `fetchImpl` defaults to the global `fetch`, looked up per
 * request.
 */
export class HttpClient implements Http {
  readonly #fetch: typeof fetch | undefined;

  constructor(fetchImpl?: typeof fetch) {
    this.#fetch = fetchImpl;
  }

  /**
   * Sends a request and resolves with the response whatever its status.
   * @throws on network failure, timeout or abort.
   */
  async request(url: string, init: HttpRequest): Promise<HttpResponse> {
    const abort = new AbortController();
    const { timeout, signal } = init;
    const timer = setTimeout(
      () => abort.abort(new Error(`request timed out after ${timeout} ms`)),
      timeout,
    );
    const cancel = () => abort.abort(signal?.reason);
    if (signal?.aborted) cancel();
    signal?.addEventListener("abort", cancel);
    try {
      const res = await (this.#fetch ?? fetch)(url, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        keepalive: init.keepalive,
        signal: abort.signal,
      });
      // Read under the same timer: the timeout covers the body too.
      const text = await res.text();
      return { status: res.status, header: (name) => res.headers.get(name), text };
    } catch (error) {
      throw abort.signal.aborted && abort.signal.reason instanceof Error
        ? abort.signal.reason
        : error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", cancel);
    }
  }
}
