import type { SessionEvent } from "@everruns/core";
import { type EventSourceMessage, EventSourceParserStream } from "eventsource-parser/stream";
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
 * The body of an SSE response as frames: bytes → `TextDecoderStream` → eventsource-parser →
 * {@link classifyFrame}. Comments (`: heartbeat`) are dropped by the parser, and an incomplete
 * frame at the end of the body is never emitted, so a connection cut mid-frame loses nothing
 * that a resume with `since_id` will not send again.
 */
export function sseFrames(body: ReadableStream<Uint8Array>): ReadableStream<SseFrame> {
  // TS 5.9's DOM lib types fetch bodies as Uint8Array<ArrayBufferLike> but the decoder's input
  // as BufferSource (ArrayBuffer-backed only); at run time the decoder takes both.
  const decoder = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
  return body
    .pipeThrough(decoder)
    .pipeThrough(new EventSourceParserStream({ maxBufferSize: MAX_FRAME_CHARS }))
    .pipeThrough(
      new TransformStream<EventSourceMessage, SseFrame>({
        transform(message, controller) {
          controller.enqueue(classifyFrame(message));
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
