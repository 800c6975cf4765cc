/**
 * The visitor's anonymous id, kept across page loads: read from `localStorage`, else from a
 * first-party cookie, else created (a random UUID) and saved to `localStorage`, or to the cookie
 * when storage is unusable. Without either, the id lives for this page only.
 */
export function persistentVisitorId(storage: Storage | undefined, prefix: string): string {
  const key = `${prefix}:visitor`;
  const cookieName = `${prefix.replace(/[^\w-]/g, "_")}_vid`;
  let id: string | null | undefined;
  try {
    id = storage?.getItem(key);
  } catch {
    id = undefined;
  }
  id ||= readCookie(cookieName);
  const valid = typeof id === "string" && /^[\w-]{1,64}$/.test(id);
  const visitorId = valid ? id! : randomId();
  try {
    if (storage) {
      if (!valid || storage.getItem(key) !== visitorId) storage.setItem(key, visitorId);
      return visitorId;
    }
  } catch {
    // storage refused the write: fall back to the cookie
  }
  if (!valid) writeCookie(cookieName, visitorId);
  return visitorId;
}

function readCookie(name: string): string | undefined {
  try {
    for (const part of document.cookie.split(";")) {
      const eq = part.indexOf("=");
      if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
    }
  } catch {
    // no document or cookies blocked
  }
  return undefined;
}

function writeCookie(name: string, value: string): void {
  try {
    const secure = location.protocol === "https:" ? "; Secure" : "";
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser
    document.cookie = `${name}=${encodeURIComponent(value)}; Max-Age=63072000; Path=/; SameSite=Lax${secure}`;
  } catch {
    // cookies blocked: the id lives for this page only
  }
}

/** A random UUID (v4 layout) from the platform's CSPRNG, or Math.random where there is none. */
export function randomId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof c?.getRandomValues === "function") c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) | 0;
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
