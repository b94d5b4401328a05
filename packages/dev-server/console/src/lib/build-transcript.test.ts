import type { SessionEvent } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { buildTranscript, turnRunning } from "./build-transcript.ts";

let sequence = 0;
function event(type: string, data: unknown): SessionEvent {
  sequence += 1;
  return {
    id: `event_${sequence}`,
    type,
    ts: "2026-11-30T20:00:00.000Z",
    session_id: "session_1",
    sequence,
    context: {},
    data,
  } as SessionEvent;
}
const message = (role: string, text: string) => ({
  id: `message_${role}`,
  role,
  content: [{ type: "text", text }],
  created_at: "2026-11-30T20:00:00.000Z",
});

describe("buildTranscript", () => {
  it("folds deltas into one growing reply, completed by output.message.completed", () => {
    const streaming = [
      event("input.message", { message: message("user", "Hi") }),
      event("turn.started", { turn_id: "turn_1" }),
      event("output.message.started", { turn_id: "turn_1" }),
      event("output.message.delta", { turn_id: "turn_1", delta: "Hel", accumulated: "Hel" }),
      event("output.message.delta", { turn_id: "turn_1", delta: "lo", accumulated: "Hello" }),
    ];
    expect(buildTranscript(streaming)).toEqual([
      { kind: "user", key: "event_1", text: "Hi" },
      { kind: "assistant", key: "event_3", text: "Hello", streaming: true },
    ]);
    expect(turnRunning(streaming)).toBe(true);

    const done = [
      ...streaming,
      event("output.message.completed", { message: message("agent", "Hello!") }),
      event("turn.completed", { turn_id: "turn_1" }),
    ];
    expect(buildTranscript(done).at(-1)).toEqual({
      kind: "assistant",
      key: "event_3",
      text: "Hello!",
      streaming: false,
    });
    expect(turnRunning(done)).toBe(false);
  });

  it("shows thinking, a tool card with its outcome, files written and a failed turn", () => {
    const items = buildTranscript([
      event("reason.thinking.started", { turn_id: "turn_2" }),
      event("reason.thinking.delta", { turn_id: "turn_2", delta: "Hmm", accumulated: "Hmm" }),
      event("reason.thinking.completed", { turn_id: "turn_2" }),
      event("tool.started", {
        tool_call: { id: "call_1", name: "get_weather", arguments: { city: "Paris" } },
      }),
      event("tool.completed", {
        tool_call_id: "call_1",
        tool_name: "get_weather",
        success: true,
        status: "success",
        result: [{ type: "text", text: "Sunny" }],
      }),
      event("file.written", { path: "/notes/plan.md" }),
      event("turn.failed", { turn_id: "turn_2", error: "model down", error_code: "model_error" }),
    ]);
    expect(items.map((item) => item.kind)).toEqual(["thinking", "tool", "file", "notice"]);
    expect(items[0]).toMatchObject({ text: "Hmm" });
    expect(items[1]).toMatchObject({
      name: "get_weather",
      args: { city: "Paris" },
      status: "success",
      result: "Sunny",
    });
    expect(items[2]).toMatchObject({ path: "/notes/plan.md" });
    expect(items[3]).toMatchObject({
      tone: "error",
      text: "Turn failed (model_error): model down",
    });
  });

  it("ignores event types it does not know, and a file.written without a path", () => {
    expect(
      buildTranscript([
        event("something.new", { path: "/x" }),
        event("file.written", { size: 3 }),
        event("turn.cancelled", { turn_id: "turn_3" }),
      ]),
    ).toEqual([{ kind: "notice", key: expect.any(String), tone: "info", text: "Turn cancelled." }]);
  });
});
