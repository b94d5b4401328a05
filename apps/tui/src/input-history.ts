import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { HISTORY_LIMIT } from "./state/editor.js";

/** Where the inputs typed in earlier runs are kept, so Up and Ctrl+R find them. */
export interface InputHistoryStore {
  /** Earlier inputs, oldest first. */
  load(): readonly string[];
  /** Remembers one more input. Never throws: history is a convenience, not data. */
  append(text: string): void;
}

/** A store that forgets everything with the process (`--ephemeral`, tests). */
export function memoryHistory(initial: readonly string[] = []): InputHistoryStore {
  const entries = [...initial];
  return { load: () => entries, append: (text) => void entries.push(text) };
}

/**
 * Inputs kept in a JSON Lines file (one JSON string a line), shared by every session and
 * run. The file is rewritten with the newest {@link HISTORY_LIMIT} entries when it has
 * grown to twice that, so it stays small.
 */
export function fileHistory(file: string): InputHistoryStore {
  let count = 0;
  const read = (): string[] => {
    let raw = "";
    try {
      raw = readFileSync(file, "utf8");
    } catch {
      return [];
    }
    const entries: string[] = [];
    for (const line of raw.split("\n")) {
      if (!line) continue;
      try {
        const value: unknown = JSON.parse(line);
        if (typeof value === "string") entries.push(value);
      } catch {
        // A torn last line (a crash while writing) is skipped, not fatal.
      }
    }
    return entries;
  };
  return {
    load() {
      const entries = read();
      count = entries.length;
      return entries.slice(-HISTORY_LIMIT);
    },
    append(text) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        appendFileSync(file, `${JSON.stringify(text)}\n`, { mode: 0o600 });
        if (++count > 2 * HISTORY_LIMIT) {
          const kept = read().slice(-HISTORY_LIMIT);
          writeFileSync(file, kept.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
          count = kept.length;
        }
      } catch {
        // A read-only data directory only costs the history.
      }
    },
  };
}
