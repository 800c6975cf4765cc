/**
 * The visitor's anonymous id, kept across page loads: read from `localStorage`, else from a
 * first-party cookie, else created (random) and saved to `localStorage`, or to the cookie when
 * storage is unusable. Without either, the id lives for this page only.
 */
export function persistentVisitorId(storage: Storage | undefined, prefix: string): string {
  const key = `${prefix}:visitor`;
  const cookie = `${prefix.replace(/\W/g, "_")}_vid`;
  let id: string | null | undefined;
  try {
    id =
      storage?.getItem(key) || new RegExp(`(?:^|; )${cookie}=([\\w-]+)`).exec(document.cookie)?.[1];
  } catch {
    // cookies blocked too: a new id
  }
  if (!id || !/^[\w-]{1,64}$/.test(id)) id = randomId();
  try {
    if (!storage) throw 0;
    storage.setItem(key, id);
  } catch {
    try {
      // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser
      document.cookie = `${cookie}=${id}; Max-Age=63072000; Path=/; SameSite=Lax${location.protocol === "https:" ? "; Secure" : ""}`;
    } catch {
      // no cookies either: the id lives for this page only
    }
  }
  return id;
}

/** A random id: a UUID where the page is a secure context, else 32 hex digits from the CSPRNG. */
export function randomId(): string {
  const c = globalThis.crypto;
  return (
    c.randomUUID?.() ??
    Array.from(c.getRandomValues(new Uint8Array(16)), (b) => (b + 256).toString(16).slice(1)).join(
      "",
    )
  );
}
