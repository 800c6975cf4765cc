/**
 * The page's `localStorage` when it can be read, else `undefined` (access throws when site data
 * is blocked, in sandboxed frames, some private modes). Writes may still fail (storage full):
 * every writer here handles that.
 */
export function webStorage(): Storage | undefined {
  try {
    const storage = localStorage;
    storage.getItem("pagesense:visitor");
    return storage;
  } catch {
    return undefined;
  }
}

/** Reads and parses a JSON item; `undefined` when absent, unreadable or not JSON. */
export function readJson(storage: Storage, key: string): unknown {
  try {
    return JSON.parse(storage.getItem(key) ?? "null") ?? undefined;
  } catch {
    return undefined;
  }
}

/** Writes `value` as JSON (`undefined` removes the item); false when storage refused (full). */
export function writeJson(storage: Storage, key: string, value: unknown): boolean {
  try {
    if (value === undefined) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
