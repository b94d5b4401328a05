import type { ChatState } from "./chat-state.js";
import { findSafeSplit } from "./markdown-boundary.js";
import { isFinished, type ToolItem, type TranscriptItem } from "./transcript-item.js";

type WithoutId<T> = T extends TranscriptItem ? Omit<T, "id"> : never;

/** A transcript item before the reducer gives it an id. */
export type NewItem = WithoutId<TranscriptItem>;

/** Adds an item at the end of the live tail, then settles. */
export function addItem(state: ChatState, item: NewItem): ChatState {
  const withId = { ...item, id: `item-${state.nextId}` } as TranscriptItem;
  return settle({ ...state, live: [...state.live, withId], nextId: state.nextId + 1 });
}

/**
 * Replaces the last live item that `match` accepts with `update(item)`, then settles.
 * Returns `undefined` when no live item matches.
 */
export function updateLast<T extends TranscriptItem>(
  state: ChatState,
  match: (item: TranscriptItem) => item is T,
  update: (item: T) => TranscriptItem,
): ChatState | undefined {
  for (let index = state.live.length - 1; index >= 0; index--) {
    const item = state.live[index];
    if (item && match(item)) {
      const live = state.live.slice();
      live[index] = update(item);
      return settle({ ...state, live });
    }
  }
  return undefined;
}

/**
 * Moves the finished items at the front of the live tail into the history, and commits the
 * safe part of a streaming reply at the front. Items behind an unfinished one wait, so the
 * history keeps the order in which things happened.
 */
export function settle(state: ChatState): ChatState {
  let first = 0;
  const committed: TranscriptItem[] = [];
  let nextId = state.nextId;
  let live = state.live;
  while (first < live.length) {
    const item = live[first] as TranscriptItem;
    if (isFinished(item)) {
      committed.push(item);
      first++;
      continue;
    }
    if (item.kind === "agent") {
      const split = findSafeSplit(item.markdown);
      if (split > 0) {
        committed.push({
          ...item,
          id: `item-${nextId++}`,
          markdown: item.markdown.slice(0, split),
          streaming: false,
        });
        const tail = {
          ...item,
          markdown: item.markdown.slice(split),
          continued: true,
          committedLength: item.committedLength + split,
        };
        live = [tail, ...live.slice(first + 1)];
        first = 0;
      }
    }
    break;
  }
  if (committed.length === 0) return live === state.live ? state : { ...state, live };
  return {
    ...state,
    history: state.history.concat(committed.filter(hasContent)),
    live: live.slice(first),
    nextId,
  };
}

/**
 * Ends every unfinished live item: a streaming reply keeps its text, a running tool fails
 * with `outcome`, thinking is marked done. Used when a turn ends.
 */
export function finishLive(state: ChatState, outcome: string, endedAt?: string): ChatState {
  if (state.live.length === 0) return state;
  const live = state.live.map((item): TranscriptItem => {
    switch (item.kind) {
      case "agent":
        return item.streaming ? { ...item, streaming: false } : item;
      case "tool":
        return item.status === "running" || item.status === "requested"
          ? withDuration<ToolItem>({ ...item, status: "failure", outcome }, endedAt)
          : item;
      case "thinking":
        return item.done ? item : { ...item, done: true };
      default:
        return item;
    }
  });
  return settle({ ...state, live });
}

/** Sets `durationMs` from the start time of an item and the `ts` of the event that ended it. */
export function withDuration<T extends { startedAt?: string; durationMs?: number }>(
  item: T,
  endedAt: string | undefined,
  reported?: number | null,
): T {
  if (reported != null) return { ...item, durationMs: reported };
  if (item.startedAt === undefined || endedAt === undefined) return item;
  const ms = Date.parse(endedAt) - Date.parse(item.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? { ...item, durationMs: ms } : item;
}

function hasContent(item: TranscriptItem): boolean {
  return item.kind !== "agent" || item.markdown.trim() !== "";
}
