import type { SessionEvent } from "@everruns/core";
import { classifyFrame, MAX_FRAME_CHARS } from "../internal/sse-frames.js";
import { SseBufferOverflowError, SseParser } from "../internal/sse-parser.js";
import { RelayedStreamError, StreamProtocolError } from "../stream-errors.js";
import type { RelayedFailure, RelayFormat } from "./to-readable-stream.js";

/** Options of {@link fromReadableStream}. */
export interface FromReadableStreamOptions {
  /** The format {@link toReadableStream} wrote: `sse` (default) or `ndjson`. */
  format?: RelayFormat;
  /** Called with each frame or line that is not an event (it is skipped). */
  onMalformed?: (reason: string) => void;
}

/**
 * Reads the bytes {@link toReadableStream} wrote (e.g. `response.body` of a `fetch` to your
 * relay route) back into the same typed `SessionEvent`s. Works in browsers, workers and Node.
 *
 * ```ts
 * const response = await fetch(`/api/sessions/${id}/turn`, { method: "POST", body });
 * for await (const event of fromReadableStream(response.body!)) {
 *   if (event.type === "output.message.delta") output.textContent += event.data.delta;
 * }
 * ```
 *
 * Ends when the body ends. Throws {@link RelayedStreamError} when the relay reported that its
 * source failed, and `StreamProtocolError` for a frame over 16 MiB. Leaving the loop cancels the
 * body. It does not reconnect: to resume, fetch again with the last event's `id`.
 */
export async function* fromReadableStream(
  body: ReadableStream<Uint8Array>,
  options: FromReadableStreamOptions = {},
): AsyncGenerator<SessionEvent, void, undefined> {
  const parse = options.format === "ndjson" ? ndjsonParser(options) : sseParser(options);
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const chunk = await reader.read();
      const text = chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      yield* parse(text, chunk.done);
      if (chunk.done) return;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

type Parse = (text: string, end: boolean) => SessionEvent[];

function sseParser(options: FromReadableStreamOptions): Parse {
  let out: SessionEvent[] = [];
  let failure: Error | undefined;
  const parser = new SseParser({
    maxChars: MAX_FRAME_CHARS,
    onMessage(message) {
      if (message.event === "error") {
        failure ??= relayedError(message.data);
        return;
      }
      const frame = classifyFrame(message);
      if (frame.kind === "event") out.push(frame.event);
      else if (frame.kind === "malformed") options.onMalformed?.(frame.reason);
    },
    onComment() {},
  });
  return (text) => {
    try {
      parser.feed(text);
    } catch (error) {
      if (!(error instanceof SseBufferOverflowError)) throw error;
      failure ??= new StreamProtocolError("The relay sent a frame larger than 16 MiB");
    }
    const events = out;
    out = [];
    // Events before the failure are handed out first by the caller's next read.
    if (failure && events.length === 0) throw failure;
    return events;
  };
}

function ndjsonParser(options: FromReadableStreamOptions): Parse {
  let buffered = "";
  let failure: Error | undefined;
  return (text, end) => {
    if (failure) throw failure;
    buffered += text;
    const lines = buffered.split("\n");
    buffered = end ? "" : (lines.pop() ?? "");
    if (buffered.length > MAX_FRAME_CHARS)
      throw new StreamProtocolError("The relay sent a line larger than 16 MiB");
    const events: SessionEvent[] = [];
    for (const line of lines) {
      if (line.trim() === "") continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        options.onMalformed?.("a line is not JSON");
        continue;
      }
      const record = parsed as { id?: unknown; type?: unknown; error?: unknown };
      if (record && typeof record === "object" && "error" in record && !("type" in record)) {
        failure = relayedError(line);
        // Events before the failure are handed out first; the next call throws.
        if (events.length > 0) return events;
        throw failure;
      }
      if (typeof record?.id === "string" && typeof record.type === "string")
        events.push(parsed as SessionEvent);
      else options.onMalformed?.("a line is not an event");
    }
    return events;
  };
}

function relayedError(data: string): RelayedStreamError {
  let failure: Partial<RelayedFailure> = {};
  try {
    failure = (JSON.parse(data) as { error?: Partial<RelayedFailure> }).error ?? {};
  } catch {
    // An unreadable error frame still means the source failed.
  }
  return new RelayedStreamError({
    name: typeof failure.name === "string" ? failure.name : "Error",
    message: typeof failure.message === "string" ? failure.message : "The event stream failed",
    ...(typeof failure.code === "string" ? { code: failure.code } : {}),
  });
}
