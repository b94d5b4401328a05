import type { Message } from "@everruns/core";
import type { Store } from "../store/store.js";

/** Most earlier messages a turn hands the model. */
export const MAX_HISTORY_MESSAGES = 100;
/** Most characters of stored message JSON a turn reads for the model (about 2 MB). */
export const MAX_HISTORY_CHARS = 2_000_000;

/**
 * The history a turn sends the model: the latest messages of the session within
 * {@link MAX_HISTORY_MESSAGES} and {@link MAX_HISTORY_CHARS}, then the turn's input. Reading
 * the whole session on every turn made a session of 1,000 one-megabyte messages load gigabytes
 * per turn. Older messages stay stored and listed; only the model's view is windowed (our spec
 * has no `context.compacting`/`context.compacted` events, so nothing is summarised).
 *
 * The window starts at a user message, so that it never opens with tool results or an agent
 * reply whose request was cut off.
 */
export function windowedHistory(
  store: Store,
  sessionId: string,
  input: Message,
  queuedInputIds: ReadonlySet<string>,
): Message[] {
  // One extra row, as the input itself (already stored) is among the latest.
  const latest = store.messages
    .latest(sessionId, MAX_HISTORY_MESSAGES + 1 + queuedInputIds.size, MAX_HISTORY_CHARS)
    .filter((message) => message.id !== input.id && !queuedInputIds.has(message.id));
  return [...fromFirstUser(latest.slice(-MAX_HISTORY_MESSAGES)), input];
}

/**
 * The stored messages the next turn would hand the model, before its input: the same window
 * as {@link windowedHistory}, read the same bounded way (for the context report).
 */
export function storedHistoryWindow<M extends Message>(
  latest: (maxMessages: number, maxChars: number) => M[],
): M[] {
  return fromFirstUser(latest(MAX_HISTORY_MESSAGES, MAX_HISTORY_CHARS));
}

function fromFirstUser<M extends Message>(window: M[]): M[] {
  const firstUser = window.findIndex((message) => message.role === "user");
  return firstUser < 0 ? [] : window.slice(firstUser);
}
