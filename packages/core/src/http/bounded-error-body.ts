/** Most bytes of an error response body that are read; the rest is discarded unread. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Longest `title` an error carries, in characters. */
export const MAX_TITLE_CHARS = 200;
/** Longest `detail` (and any other string field) an error carries, in characters. */
export const MAX_DETAIL_CHARS = 500;
/** Most items kept of an array in an error body (`errors`, ...). */
const MAX_ITEMS = 20;
/** Deepest nesting kept in an error body. */
const MAX_DEPTH = 6;

/**
 * Reads at most `maxBytes` of a response body as text, then cancels the rest, so a hostile
 * server cannot make an error hold megabytes. `truncated` says whether bytes were left unread.
 */
export async function readTextUpTo(
  response: Response,
  maxBytes = MAX_ERROR_BODY_BYTES,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: "", truncated: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), truncated: false };
      const room = maxBytes - read;
      if (value.byteLength > room) {
        text += decoder.decode(value.subarray(0, room));
        await reader.cancel().catch(() => {});
        return { text, truncated: true };
      }
      read += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body cut off mid-read is summarised from what arrived.
    return { text, truncated: true };
  }
}

/** Shortens a string to `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A copy of a decoded error body with every string clipped to {@link MAX_DETAIL_CHARS},
 * arrays to 20 items and nesting to 6 levels, so that what an error carries (message, body,
 * inspect output) stays small whatever the server sent.
 */
export function boundErrorValue<T>(value: T): T {
  const walk = (current: unknown, depth: number): unknown => {
    if (typeof current === "string") return clip(current, MAX_DETAIL_CHARS);
    if (current === null || typeof current !== "object") return current;
    if (depth >= MAX_DEPTH) return Array.isArray(current) ? [] : {};
    if (Array.isArray(current)) {
      return current.slice(0, MAX_ITEMS).map((inner) => walk(inner, depth + 1));
    }
    return Object.fromEntries(
      Object.entries(current)
        .slice(0, 50)
        .map(([key, inner]) => [clip(key, 100), walk(inner, depth + 1)]),
    );
  };
  return walk(value, 0) as T;
}
