import type { SessionEvent } from "@everruns/core";
import { type DisconnectingFrame, parseDisconnecting } from "../disconnecting.js";
import { type SseBufferOverflowError, type SseMessage, SseParser } from "./sse-parser.js";

/** One frame of the SSE body, sorted by what the stream must do with it. */
export type SseFrame =
  | { kind: "connected" }
  | { kind: "comment" }
  | ({ kind: "disconnecting" } & DisconnectingFrame)
  | { kind: "event"; event: SessionEvent }
  | {
      kind: "malformed";
      reason: string;
      frameType: string | undefined;
      frameId: string | undefined;
    };

/** Every comment frame (`: heartbeat`) is this one object: only its arrival matters. */
const COMMENT_FRAME: SseFrame = { kind: "comment" };

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
 * Turns the bytes of an SSE body into frames, chunk by chunk: `TextDecoder` →
 * {@link SseParser} → {@link classifyFrame}. Comments (`: heartbeat`) become `comment` frames
 * without their text (they show that the connection is alive, which the idle timeout needs).
 * An incomplete frame at the end of the body is never emitted, so a connection cut mid-frame
 * loses nothing that a resume with `since_id` will not send again. A frame over
 * {@link MAX_FRAME_CHARS} makes {@link SseFrameDecoder.push} throw {@link SseBufferOverflowError} (`type`
 * `max-buffer-size-exceeded`).
 *
 * The stream reads the body itself and calls this on each chunk: a `TransformStream` stage in
 * between cost a stream hop (several promises) per chunk, which with one write per event was
 * a fifth of the client's CPU (bench/README.md, benchmark 1).
 */
export class SseFrameDecoder {
  readonly #decoder = new TextDecoder();
  readonly #parser: SseParser;
  #batch: SseFrame[] = [];

  constructor() {
    this.#parser = new SseParser({
      maxChars: MAX_FRAME_CHARS,
      onMessage: (message) => this.#batch.push(classifyFrame(message)),
      onComment: () => this.#batch.push(COMMENT_FRAME),
    });
  }

  /** The frames that `chunk` completed, in order (often none, often ~100). */
  push(chunk: Uint8Array): SseFrame[] {
    this.#parser.feed(this.#decoder.decode(chunk, { stream: true }));
    return this.#take();
  }

  /** At the end of the body: frames completed by the last bytes (an unfinished one is dropped). */
  end(): SseFrame[] {
    this.#parser.feed(this.#decoder.decode());
    return this.#take();
  }

  #take(): SseFrame[] {
    const batch = this.#batch;
    if (batch.length > 0) this.#batch = [];
    return batch;
  }
}

/**
 * The body of an SSE response as batches of frames, one batch per body chunk that completed
 * at least one frame ({@link SseFrameDecoder} as a stream stage). A frame over
 * {@link MAX_FRAME_CHARS} errors the stream with {@link SseBufferOverflowError}.
 */
export function sseFrameBatches(body: ReadableStream<Uint8Array>): ReadableStream<SseFrame[]> {
  const decoder = new SseFrameDecoder();
  const emit = (batch: SseFrame[], controller: TransformStreamDefaultController<SseFrame[]>) => {
    if (batch.length > 0) controller.enqueue(batch);
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, SseFrame[]>({
      transform(chunk, controller) {
        emit(decoder.push(chunk), controller);
      },
      flush(controller) {
        emit(decoder.end(), controller);
      },
    }),
  );
}

/** Sorts a parsed SSE message into a control frame, a session event or a malformed frame. */
export function classifyFrame(message: SseMessage): SseFrame {
  const name = message.event;
  if (name === "connected") return { kind: "connected" };
  if (name === "disconnecting")
    return { kind: "disconnecting", ...parseDisconnecting(message.data) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.data);
  } catch {
    return malformed(message, "its data is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return malformed(message, "its data is not a JSON object");
  }
  const event = parsed as { id?: unknown; type?: unknown };
  if (typeof event.id !== "string" || event.id === "")
    return malformed(message, "its event has no id");
  if (typeof event.type !== "string" || event.type === "")
    return malformed(message, "its event has no type");
  // Unknown types are kept as they are: the union's UnknownSessionEvent member covers them.
  return { kind: "event", event: parsed as SessionEvent };
}

// A module function, not a closure made per frame: this runs for every event of a stream.
function malformed(message: SseMessage, reason: string): SseFrame {
  return { kind: "malformed", reason, frameType: message.event, frameId: message.id };
}
