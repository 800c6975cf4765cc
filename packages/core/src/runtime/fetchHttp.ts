import type { Http } from "./http";

/**
 * The smallest {@link Http}: the platform's `fetch` with an abort timeout (what the browser package
 * uses instead of ofetch). `fetchImpl` defaults to the global `fetch`, looked up per request.
 */
export function fetchHttp(fetchImpl?: typeof fetch): Http {
  return {
    async request(url, init) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), init.timeout);
      try {
        // `timeout` rides along unread: fetch ignores unknown init members.
        const res = await (fetchImpl ?? fetch)(url, { ...init, signal: abort.signal });
        const text = await res.text();
        return { status: res.status, header: (name) => res.headers.get(name), text };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
