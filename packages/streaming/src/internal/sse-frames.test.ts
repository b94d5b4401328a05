import { describe, expect, it } from "vitest";
import { deltaEvent } from "../test-support/events.js";
import {
  CONNECTED_FRAME,
  disconnectingFrame,
  eventFrame,
  HEARTBEAT,
} from "../test-support/sse-server.js";
import { classifyFrame, type SseFrame, sseFrames } from "./sse-frames.js";

async function framesOf(...chunks: string[]): Promise<SseFrame[]> {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return readAll(sseFrames(body));
}

async function readAll(stream: ReadableStream<SseFrame>): Promise<SseFrame[]> {
  const reader = stream.getReader();
  const frames: SseFrame[] = [];
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
    frames.push(chunk.value);
  return frames;
}

describe("sseFrames", () => {
  it("sorts control frames and events, and keeps heartbeats as bare comment frames", async () => {
    const event = deltaEvent(1);
    const frames = await framesOf(
      CONNECTED_FRAME,
      HEARTBEAT,
      eventFrame(event),
      disconnectingFrame(),
    );
    expect(frames).toEqual([
      { kind: "connected" },
      { kind: "comment" },
      { kind: "event", event },
      { kind: "disconnecting", reason: "connection_cycle", retryMs: 100 },
    ]);
  });

  it("joins a frame split across chunks, even inside a multi-byte character", async () => {
    const event = deltaEvent(1, "héllo ✓ ");
    const bytes = new TextEncoder().encode(eventFrame(event));
    const encoder = new TextEncoder();
    const split = bytes.indexOf(encoder.encode("✓")[0] as number) + 1;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    expect(await readAll(sseFrames(body))).toEqual([{ kind: "event", event }]);
  });

  it("never emits a frame cut off before its blank line", async () => {
    const whole = eventFrame(deltaEvent(1));
    const half = eventFrame(deltaEvent(2)).slice(0, -1);
    expect(await framesOf(whole, half)).toEqual([{ kind: "event", event: deltaEvent(1) }]);
  });
});

describe("classifyFrame", () => {
  it("reports data that is not JSON as malformed", () => {
    expect(
      classifyFrame({ event: "turn.started", id: "event_x", data: "{not json" }),
    ).toMatchObject({
      kind: "malformed",
      reason: "its data is not JSON",
      frameId: "event_x",
    });
  });

  it("reports events without id or type as malformed", () => {
    expect(classifyFrame({ data: '{"type":"turn.started"}' })).toMatchObject({
      kind: "malformed",
      reason: "its event has no id",
    });
    expect(classifyFrame({ data: '{"id":"event_1"}' })).toMatchObject({
      kind: "malformed",
      reason: "its event has no type",
    });
    expect(classifyFrame({ data: "[1]" })).toMatchObject({ kind: "malformed" });
  });

  it("passes an unknown event type through untouched", () => {
    const unknown = {
      id: "event_9",
      type: "brand.new",
      ts: "t",
      session_id: "s",
      context: {},
      data: { x: [1] },
    };
    expect(classifyFrame({ event: "brand.new", data: JSON.stringify(unknown) })).toEqual({
      kind: "event",
      event: unknown,
    });
  });
});
