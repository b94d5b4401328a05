/** One stored row as a body is built from it: its position and its serialized JSON. */
export interface StoredDoc {
  readonly sequence: number;
  readonly doc: string;
}

/** Rows read per pull: bounds what one response holds in memory at a time. */
export const BODY_PAGE = 200;

/**
 * A response body read from the store page by page as the client consumes it: each pull reads
 * the next rows after the last sequence sent. A long history never becomes one string (V8 caps
 * strings at about 512 MB, and building one holds the whole history in memory), and a slow
 * reader holds at most one page on the server.
 *
 * `open` and `close` wrap the rows; `separator` goes between two rows, `suffix` after each.
 */
export function pagedBody(
  read: (afterSequence: number, limit: number) => readonly StoredDoc[],
  framing: { open?: string; separator?: string; suffix?: string; close?: string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let first = true;
  let opened = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const rows = read(after, BODY_PAGE);
      let text = opened ? "" : (framing.open ?? "");
      opened = true;
      for (const row of rows) {
        text += (first ? "" : (framing.separator ?? "")) + row.doc + (framing.suffix ?? "");
        first = false;
      }
      if (rows.length < BODY_PAGE) {
        text += framing.close ?? "";
        if (text) controller.enqueue(encoder.encode(text));
        controller.close();
        return;
      }
      after = rows.at(-1)?.sequence ?? after;
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** `{"data":[...]}` over the given rows, each already serialized JSON. */
export function dataListBody(
  read: (afterSequence: number, limit: number) => readonly StoredDoc[],
): ReadableStream<Uint8Array> {
  return pagedBody(read, { open: '{"data":[', separator: ",", close: "]}" });
}
