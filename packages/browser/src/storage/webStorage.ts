/**
 * The page's `localStorage` when it works, else `undefined`: access may throw (disabled cookies,
 * sandboxed frames, some private modes) or writes may fail; both are probed once here.
 */
export function webStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    const probe = "pagesense:probe";
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

/** Reads and parses a JSON item; `undefined` when absent, unreadable or not JSON. */
export function readJson(storage: Storage | undefined, key: string): unknown {
  try {
    const text = storage?.getItem(key);
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `value` as JSON; false when storage is missing, full or failing. */
export function writeJson(storage: Storage | undefined, key: string, value: unknown): boolean {
  try {
    if (!storage) return false;
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Removes an item, ignoring storage errors. */
export function removeItem(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // nothing to do: the item stays, which is harmless
  }
}
