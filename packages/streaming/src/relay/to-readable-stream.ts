import { EverrunsError, type SessionEvent } from "@everruns/core";

/** Wire formats of a relayed stream. */
export type RelayFormat = "sse" | "ndjson";

/** `Content-Type` to answer with, per {@link RelayFormat}. */
export const RELAY_CONTENT_TYPES: Readonly<Record<RelayFormat, string>> = {
  sse: "text/event-stream; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

/** Options of {@link toReadableStream}. */
export interface ToReadableStreamOptions {
  /** `sse` (default): frames with `id:`, `event:` and `data:`; `ndjson`: one event per line. */
  format?: RelayFormat;
}

/** What a relayed stream says when its source failed: no stack, no request details. */
export interface RelayedFailure {
  name: string;
  message: string;
  /** The API's error `code`, when the source failed with one. */
  code?: string;
}

/**
 * Turns session events (an `EventStream`, a `Turn`, or any async iterable of them) into bytes
 * you can answer an HTTP request with, so a server can relay a session to a web page without
 * giving it the API key. Read them back with {@link fromReadableStream}.
 *
 * ```ts
 * return new Response(toReadableStream(turn), { headers: { "content-type": RELAY_CONTENT_TYPES.sse } });
 * ```
 *
 * In `sse` each event is a frame like the API's own (`id: <event id>`, `event: <type>`,
 * `data: <event JSON>`), so a page can resume by sending the last id back to your route, which
 * passes it as `sinceId` to `streamEvents`. In `ndjson` each line is one event's JSON.
 *
 * Reading pulls from the source one event at a time (a slow reader slows the source, nothing
 * piles up); cancelling the stream (the page went away) ends the source's iteration, which
 * closes its request to the API. If the source fails, one last `error` frame (`ndjson`: a line
 * `{"error": {...}}`) carries the error's name and message (only for the SDK's own errors, whose
 * messages hold no secrets; others become "The event stream failed"), then the stream ends.
 */
export function toReadableStream(
  events: AsyncIterable<SessionEvent>,
  options: ToReadableStreamOptions = {},
): ReadableStream<Uint8Array> {
  const format = options.format ?? "sse";
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<SessionEvent> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= events[Symbol.asyncIterator]();
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(encodeEvent(next.value, format)));
        } catch (error) {
          controller.enqueue(encoder.encode(encodeFailure(failureOf(error), format)));
          controller.close();
        }
      },
      async cancel() {
        await iterator?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

function encodeEvent(event: SessionEvent, format: RelayFormat): string {
  const json = JSON.stringify(event);
  if (format === "ndjson") return `${json}\n`;
  // Ids and types come from the API; a line break in them would split the frame.
  return `id: ${oneLine(event.id)}\nevent: ${oneLine(event.type)}\ndata: ${json}\n\n`;
}

function encodeFailure(failure: RelayedFailure, format: RelayFormat): string {
  const json = JSON.stringify({ error: failure });
  return format === "ndjson" ? `${json}\n` : `event: error\ndata: ${json}\n\n`;
}

function failureOf(error: unknown): RelayedFailure {
  if (!EverrunsError.isInstance(error))
    return { name: "Error", message: "The event stream failed" };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === "string" ? { code } : {}),
  };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, "");
}
