import { readFileSync } from "node:fs";
import type { SessionEvent, SessionEventOf } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { chatReducer } from "./chat-reducer.js";
import { type ChatAction, type ChatState, initialChatState } from "./chat-state.js";
import { lastReplyText, lastUserText } from "./last-exchange.js";

const SESSION = "session_0194f3a2b7c47d1e9a3b5c6d7e8f9012";
const events = JSON.parse(
  readFileSync(new URL("./__fixtures__/text-turn.json", import.meta.url), "utf8"),
) as SessionEvent[];

function run(actions: readonly ChatAction[]): ChatState {
  return actions.reduce(
    chatReducer,
    chatReducer(initialChatState(), { type: "session-opened", sessionId: SESSION }),
  );
}
const replay = (list: readonly SessionEvent[]): ChatAction[] =>
  list.map((event) => ({ type: "event", event }));

describe("the message queue", () => {
  it("keeps messages typed during a turn in order, and takes the newest back", () => {
    const state = run([
      { type: "queue", text: "first" },
      { type: "queue", text: "second" },
      { type: "unqueue-last" },
      { type: "queue", text: "third" },
    ]);
    expect(state.queued).toEqual(["first", "third"]);
    expect(run([{ type: "unqueue-last" }]).queued).toEqual([]);
  });

  it("takes a queued message off the queue when it is sent", () => {
    const state = run([
      { type: "queue", text: "later" },
      { type: "queue", text: "even later" },
      { type: "submit", text: "later", fromQueue: true, at: 1000 },
    ]);
    expect(state.queued).toEqual(["even later"]);
    expect(state.turn).toMatchObject({ phase: "sending", startedAt: 1000, streamedChars: 0 });
    expect(state.history.at(-1)).toMatchObject({ kind: "user", text: "later" });
  });

  it("is emptied when another session opens", () => {
    const state = run([
      { type: "queue", text: "x" },
      { type: "session-opened", sessionId: "session_0194f3a2b7c47d1e9a3b5c6d7e8f9999" },
    ]);
    expect(state.queued).toEqual([]);
  });
});

describe("turn progress", () => {
  it("counts the characters streamed in the turn, and keeps the submit time", () => {
    const deltas = events.filter((e) => e.type === "output.message.delta");
    const lastDelta = events.indexOf(deltas.at(-1) as SessionEvent);
    const state = run([
      { type: "submit", text: "hello", at: 5 },
      ...replay(events.slice(0, lastDelta + 1)),
    ]);
    const chars = deltas.reduce(
      (sum, e) => sum + (e.type === "output.message.delta" ? e.data.delta.length : 0),
      0,
    );
    expect(state.turn).toMatchObject({ phase: "running", startedAt: 5, streamedChars: chars });
  });

  it("takes the start time from turn.started for a turn another client started", () => {
    // session.activated is the first event that names the turn.
    const started = events.find((e) => e.type === "session.activated") as SessionEvent;
    const state = run(replay(events.slice(0, events.indexOf(started) + 1)));
    expect(state.turn.startedAt).toBe(Date.parse(started.ts));
  });
});

describe("the last exchange", () => {
  it("finds the last user message and the whole last reply, chunks joined", () => {
    const state = run(replay(events));
    const completed = events.find((e) => e.type === "output.message.completed");
    const text =
      completed?.type === "output.message.completed"
        ? completed.data.message.content.map((p) => ("text" in p ? p.text : "")).join("")
        : "";
    expect(state.history.filter((item) => item.kind === "agent").length).toBeGreaterThan(1);
    expect(lastReplyText(state)).toBe(text.trim());
    expect(lastUserText(state)).toBe(
      (state.history.find((item) => item.kind === "user") as { text: string }).text,
    );
  });

  it("has nothing before the first turn", () => {
    expect(lastReplyText(run([]))).toBeUndefined();
    expect(lastUserText(run([]))).toBeUndefined();
  });
});

describe("file.written", () => {
  it("becomes a file card with its path, operation, size and whether it was created", () => {
    const base = events[0] as SessionEvent;
    const written: SessionEventOf<"file.written"> = {
      ...base,
      id: "event_ffffffffffffffffffffffffffffffff",
      type: "file.written",
      data: { path: "/notes/plan.md", operation: "write", size_bytes: 2048, created: true },
    };
    const state = run([{ type: "event", event: written }]);
    expect(state.history.at(-1)).toMatchObject({
      kind: "file",
      path: "/notes/plan.md",
      operation: "write",
      sizeBytes: 2048,
      created: true,
    });
  });

  it("leaves an event type this client does not know to the event log only", () => {
    const base = events[0] as SessionEvent;
    const before = run([]);
    const odd = {
      ...base,
      id: "event_fffffffffffffffffffffffffffffffe",
      type: "file.teleported",
      data: { path: "/x" },
    };
    const state = run([{ type: "event", event: odd as unknown as SessionEvent }]);
    expect(state.history).toEqual(before.history);
    expect(state.eventLog.at(-1)?.type).toBe("file.teleported");
  });
});
