import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";

/** One stored row as a body is built from it: its position and its serialized JSON. */
export interface StoredDoc {
  readonly sequence: number;
  readonly doc: string;
}

/** What a paged body is read from. */
export interface PagedSource {
  /** The rows, page by page. */
  read: PageReader;
  /** False once the thing being listed was deleted. */
  stillThere?: () => boolean;
  /** Breaks the transfer (destroys the connection): an errored body alone may still end cleanly. */
  onGone?: () => void;
}

/** A function that cuts the client's connection of this request (Node's HTTP server only). */
export function cutConnection(c: Context): () => void {
  return () => (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.destroy();
}

/** Most rows read per pull. */
export const BODY_PAGE = 200;
/** Most characters of stored JSON read per pull (past the first row): large rows make short pages. */
export const BODY_PAGE_CHARS = 1_000_000;

/** Reads up to `rows` rows after `afterSequence`, stopping early past `chars` characters. */
export type PageReader = (
  afterSequence: number,
  limits: { rows: number; chars: number },
) => readonly StoredDoc[];

/**
 * A response body read from the store page by page as the client consumes it: each pull reads
 * the next rows after the last sequence sent. A long history never becomes one string (V8 caps
 * strings at about 512 MB, and building one holds the whole history in memory), and a slow
 * reader holds at most one page (200 rows or about 1 MB) on the server.
 *
 * `open` and `close` wrap the rows; `separator` goes between two rows, `suffix` after each.
 * `source.stillThere` is asked when the rows run out: if what is being read was deleted
 * meanwhile, the body ends in an error and `source.onGone` breaks the transfer (the client sees
 * a cut connection), rather than ending cleanly with part of the rows.
 */
export function pagedBody(
  source: PagedSource,
  framing: { open?: string; separator?: string; suffix?: string; close?: string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let first = true;
  let opened = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const rows = source.read(after, { rows: BODY_PAGE, chars: BODY_PAGE_CHARS });
      let text = opened ? "" : (framing.open ?? "");
      opened = true;
      for (const row of rows) {
        text += (first ? "" : (framing.separator ?? "")) + row.doc + (framing.suffix ?? "");
        first = false;
      }
      // Pages may be short because their rows are large: only an empty one ends the body.
      if (rows.length === 0) {
        if (after > 0 && source.stillThere?.() === false) {
          controller.error(new Error("deleted while its body was being sent"));
          source.onGone?.();
          return;
        }
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
export function dataListBody(source: PagedSource): ReadableStream<Uint8Array> {
  return pagedBody(source, { open: '{"data":[', separator: ",", close: "]}" });
}
