import { type FSWatcher, type Stats, statSync, watch } from "node:fs";
import { basename, dirname } from "node:path";

/** Timing of {@link watchFile}. */
export interface WatchOptions {
  /** Quiet time after the last change notice before `onChange` runs (ms). */
  debounceMs: number;
  /** Interval of the stat-polling fallback (ms); 0 turns polling off. */
  pollIntervalMs: number;
  /** Use fs.watch (default true); polling alone when false. */
  fsWatch?: boolean;
  /** Called when fs.watch fails (polling carries on). */
  onWatchError?: (error: Error) => void;
}

/**
 * Calls `onChange` (debounced) when the file may have changed. Watches the file's directory, so
 * editors that save by writing a new file and renaming it over the old one are seen too, and
 * polls `stat` (mtime, size, inode) as a fallback for file systems where fs.watch is silent
 * (network shares, some container mounts). Spurious calls are possible: the caller compares
 * contents. Returns a function that stops watching.
 */
export function watchFile(path: string, onChange: () => void, options: WatchOptions): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) onChange();
    }, options.debounceMs);
  };

  const name = basename(path);
  let watcher: FSWatcher | undefined;
  if (options.fsWatch !== false) {
    try {
      watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
        if (!filename || filename.toString() === name) schedule();
      });
      watcher.on("error", (error) => {
        options.onWatchError?.(error);
        watcher?.close();
        watcher = undefined;
      });
    } catch (error) {
      options.onWatchError?.(error as Error);
    }
  }

  let poll: NodeJS.Timeout | undefined;
  if (options.pollIntervalMs > 0) {
    let last = fingerprint(path);
    poll = setInterval(() => {
      const now = fingerprint(path);
      if (now !== last) {
        last = now;
        schedule();
      }
    }, options.pollIntervalMs);
    poll.unref();
  }

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (poll) clearInterval(poll);
    watcher?.close();
  };
}

function fingerprint(path: string): string {
  let s: Stats;
  try {
    s = statSync(path);
  } catch {
    return "missing";
  }
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}
