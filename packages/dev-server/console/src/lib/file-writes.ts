import type { SessionEvent } from "@everruns/core";

/** What a session's events say about its workspace: how many writes, and the latest path. */
export interface FileWrites {
  /** The number of `file.written` events: it grows with every write, so it works as a revision. */
  count: number;
  /** The path of the latest write. */
  lastPath: string | undefined;
}

/** Counts the `file.written` events and finds the path written last. */
export function fileWrites(events: readonly SessionEvent[]): FileWrites {
  let count = 0;
  let lastPath: string | undefined;
  for (const event of events) {
    if (event.type !== "file.written") continue;
    count += 1;
    lastPath = event.data.path;
  }
  return { count, lastPath };
}
