import { describe, expect, it } from "vitest";
import { MAX_FRAME_CHARS, type SseFrame, sseFrameBatches } from "./sse-frames.js";

function body(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function frames(stream: ReadableStream<SseFrame[]>): Promise<SseFrame[]> {
  const all: SseFrame[] = [];
  for (const reader = stream.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) return all;
    all.push(...value);
  }
}

const event = (n: number) =>
  JSON.stringify({
    id: `event_${n}`,
    type: "turn.started",
    ts: "t",
    session_id: "s",
    context: {},
    data: {},
  });

describe("sseFrameBatches", () => {
  it("parses LF-only and CRLF streams alike", async () => {
    const lf = `event: connected\ndata: {"status":"connected"}\n\n: heartbeat\n\nevent: turn.started\nid: event_1\nretry: 100\ndata: ${event(1)}\n\n`;
    const fast = await frames(sseFrameBatches(body(lf)));
    const slow = await frames(sseFrameBatches(body(lf.replaceAll("\n", "\r\n"))));
    expect(fast).toEqual(slow);
    expect(fast.map((frame) => frame.kind)).toEqual(["connected", "comment", "event"]);
  });

  it("joins data lines with LF, drops one leading space, and skips frames without data", async () => {
    const text = `event: turn.started\ndata:{"id":"event_2",\ndata:  "type":"x"}\n\nevent: nothing\n\n`;
    const [frame, ...rest] = await frames(sseFrameBatches(body(text)));
    expect(rest).toEqual([]);
    expect(frame).toMatchObject({ kind: "event", event: { id: "event_2", type: "x" } });
  });

  it("hands out one batch per chunk, and keeps a frame split across chunks whole", async () => {
    const whole = `id: event_1\ndata: ${event(1)}\n\nid: event_2\ndata: ${event(2)}\n\n`;
    const reader = sseFrameBatches(body(whole.slice(0, 30), whole.slice(30))).getReader();
    const first = await reader.read();
    const second = await reader.read();
    expect(first.value).toHaveLength(2);
    expect(second.done).toBe(true);
  });

  it("errors with max-buffer-size-exceeded when a frame outgrows the limit", async () => {
    const huge = `data: ${"x".repeat(MAX_FRAME_CHARS + 10)}`;
    await expect(frames(sseFrameBatches(body(huge)))).rejects.toMatchObject({
      type: "max-buffer-size-exceeded",
    });
  });
});
