import type { SessionEvent } from "@everruns/core";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { type DisconnectingFrame, parseDisconnecting } from "../disconnecting.js";

/** One frame of the SSE body, sorted by what the stream must do with it. */
export type SseFrame =
  | { kind: "connected" }
  | ({ kind: "disconnecting" } & DisconnectingFrame)
  | { kind: "event"; event: SessionEvent }
  | {
      kind: "malformed";
      reason: string;
      frameType: string | undefined;
      frameId: string | undefined;
    };

/**
 * Largest frame we buffer (16 MiB). A whole agent message fits many times over; past it the
 * parser errors the stream instead of growing without bound.
 */
export const MAX_FRAME_CHARS = 16 * 1024 * 1024;

/**
 * The body of an SSE response as frames; see {@link sseFrameBatches}, which this flattens.
 */
export function sseFrames(body: ReadableStream<Uint8Array>): ReadableStream<SseFrame> {
  return sseFrameBatches(body).pipeThrough(
    new TransformStream<SseFrame[], SseFrame>({
      transform(batch, controller) {
        for (const frame of batch) controller.enqueue(frame);
      },
    }),
  );
}

/**
 * The body of an SSE response as batches of frames, one batch per body chunk that completed
 * at least one frame: bytes → `TextDecoder` → eventsource-parser → {@link classifyFrame}, all
 * in one transform. Comments (`: heartbeat`) are dropped by the parser, and an incomplete
 * frame at the end of the body is never emitted, so a connection cut mid-frame loses nothing
 * that a resume with `since_id` will not send again. A frame over {@link MAX_FRAME_CHARS}
 * errors the stream with the parser's `max-buffer-size-exceeded` error.
 *
 * One stage and one batch per chunk (not one stream hop per frame per stage): a 64 KB chunk
 * holds ~100 deltas, and this cut the client's CPU per event by two thirds (bench/README.md).
 */
export function sseFrameBatches(body: ReadableStream<Uint8Array>): ReadableStream<SseFrame[]> {
  const decoder = new TextDecoder();
  let batch: SseFrame[] = [];
  let failure: unknown;
  const parser = createParser({
    maxBufferSize: MAX_FRAME_CHARS,
    onEvent: (message) => batch.push(classifyFrame(message)),
    onError: (error) => {
      if (error.type === "max-buffer-size-exceeded") failure = error;
    },
  });
  const flush = (controller: TransformStreamDefaultController<SseFrame[]>) => {
    if (failure !== undefined) controller.error(failure);
    else if (batch.length > 0) controller.enqueue(batch);
    batch = [];
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, SseFrame[]>({
      transform(chunk, controller) {
        parser.feed(decoder.decode(chunk, { stream: true }));
        flush(controller);
      },
      flush(controller) {
        parser.feed(decoder.decode());
        flush(controller);
      },
    }),
  );
}

/** Sorts a parsed SSE message into a control frame, a session event or a malformed frame. */
export function classifyFrame(message: EventSourceMessage): SseFrame {
  if (message.event === "connected") return { kind: "connected" };
  if (message.event === "disconnecting")
    return { kind: "disconnecting", ...parseDisconnecting(message.data) };
  const malformed = (reason: string): SseFrame => ({
    kind: "malformed",
    reason,
    frameType: message.event,
    frameId: message.id,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.data);
  } catch {
    return malformed("its data is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return malformed("its data is not a JSON object");
  }
  const { id, type } = parsed as { id?: unknown; type?: unknown };
  if (typeof id !== "string" || id === "") return malformed("its event has no id");
  if (typeof type !== "string" || type === "") return malformed("its event has no type");
  // Unknown types are kept as they are: the union's UnknownSessionEvent member covers them.
  return { kind: "event", event: parsed as SessionEvent };
}
