import { readFileSync } from "node:fs";
import type { SessionEvent } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { chatReducer } from "./chat-reducer.js";
import { type ChatAction, type ChatState, initialChatState } from "./chat-state.js";
import type { AgentItem, ToolItem, TranscriptItem } from "./transcript-item.js";

const SESSION = "session_0194f3a2b7c47d1e9a3b5c6d7e8f9012";

function fixture<T = SessionEvent[]>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8")) as T;
}

function opened(): ChatState {
  return chatReducer(initialChatState(), { type: "session-opened", sessionId: SESSION });
}

function run(actions: readonly ChatAction[], state = opened()): ChatState {
  return actions.reduce(chatReducer, state);
}

function replay(events: readonly SessionEvent[], state = opened()): ChatState {
  return run(
    events.map((event) => ({ type: "event", event })),
    state,
  );
}

const all = (state: ChatState): TranscriptItem[] => [...state.history, ...state.live];
const agentText = (state: ChatState): string =>
  all(state)
    .filter((item): item is AgentItem => item.kind === "agent")
    .map((item) => item.markdown)
    .join("");
const kinds = (state: ChatState): string[] => all(state).map((item) => item.kind);

describe("a text turn", () => {
  const events = fixture("text-turn.json");
  const completed = events.find((e) => e.type === "output.message.completed");
  const finalText =
    completed?.type === "output.message.completed" &&
    completed.data.message.content[0]?.type === "text"
      ? completed.data.message.content[0].text
      : "";

  it("ends with the user message and the whole reply in the history, nothing live", () => {
    const state = replay(events);
    expect(state.live).toEqual([]);
    expect(state.history[0]).toMatchObject({ kind: "user", text: "hello" });
    expect(agentText(state)).toBe(finalText);
    expect(state.turn.phase).toBe("idle");
    expect(state.lastTurn).toEqual({
      outcome: "completed",
      usage: { input_tokens: 412, output_tokens: 57 },
      durationMs: 900,
    });
  });

  it("commits the reply in chunks at blank lines outside code fences while it streams", () => {
    const upToLastDelta = events.slice(
      0,
      events.findIndex((e) => e.type === "output.message.completed"),
    );
    const state = replay(upToLastDelta);
    const chunks = state.history.filter((item): item is AgentItem => item.kind === "agent");
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.markdown.endsWith("\n\n")).toBe(true);
      expect((chunk.markdown.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(state.live).toHaveLength(1);
    expect(state.live[0]).toMatchObject({ kind: "agent", streaming: true });
  });

  it("keeps the code block whole, although it contains a blank line", () => {
    const state = replay(events);
    const withCode = state.history.find(
      (item) => item.kind === "agent" && item.markdown.includes("```ts"),
    ) as AgentItem;
    expect(withCode.markdown).toContain("const answer = 42;\n\nconsole.log(answer);\n```");
  });

  it("leaves the history untouched by a delta that does not reach a boundary", () => {
    const index = events.findIndex(
      (e, i) => i > 6 && e.type === "output.message.delta" && !e.data.delta.includes("\n"),
    );
    const before = replay(events.slice(0, index));
    const after = chatReducer(before, { type: "event", event: events[index] as SessionEvent });
    expect(after.history).toBe(before.history);
    expect(after.live).not.toBe(before.live);
  });

  it("does not show the user's own message twice when its input.message arrives", () => {
    const state = replay(events, run([{ type: "submit", text: "hello" }]));
    expect(all(state).filter((item) => item.kind === "user")).toHaveLength(1);
    expect(state.pendingInputs).toEqual([]);
  });

  it("ignores events of another session and events already applied", () => {
    const state = replay(events);
    const again = replay(events, state);
    expect(again).toBe(state);
    const foreign = {
      ...(events[0] as SessionEvent),
      id: "event_ffff",
      session_id: "session_other",
    };
    expect(chatReducer(state, { type: "event", event: foreign })).toBe(state);
  });
});

describe("a turn with tools", () => {
  const state = replay(fixture("tool-turn.json"));
  const tools = all(state).filter((item): item is ToolItem => item.kind === "tool");

  it("shows one card per call with name, argument summary and outcome", () => {
    expect(tools.map((t) => [t.name, t.argsSummary, t.status])).toEqual([
      ["current_time", "timezone=UTC", "success"],
      ["read_file", "path=/missing.txt", "failure"],
      ["get_weather", "city=Paris", "success"],
    ]);
  });

  it("takes the duration from the API, or from the event times when the API omits it", () => {
    expect(tools[0]?.durationMs).toBe(250);
    expect(tools[1]?.durationMs).toBe(12);
  });

  it("keeps the error of a failed tool", () => {
    expect(tools[1]).toMatchObject({ outcome: "error", detail: "file not found" });
  });

  it("marks client-side requests and waits for their results", () => {
    expect(tools[2]?.clientSide).toBe(true);
    const events = fixture("tool-turn.json");
    const requested = events.findIndex((e) => e.type === "tool.call_requested");
    const waiting = replay(events.slice(0, requested + 1));
    expect(waiting.turn.phase).toBe("waiting_for_tools");
    expect(waiting.live.at(-1)).toMatchObject({ kind: "tool", status: "requested" });
    const resumed = replay(events.slice(0, requested + 2));
    expect(resumed.turn.phase).toBe("running");
  });

  it("shows the tools before the reply that used them", () => {
    expect(kinds(state)).toEqual(["user", "tool", "tool", "tool", "agent"]);
  });
});

describe("a turn with thinking", () => {
  const events = fixture("thinking-turn.json");

  it("grows one thinking item while the model thinks", () => {
    const index = events.findIndex((e) => e.type === "reason.thinking.completed");
    const state = replay(events.slice(0, index));
    expect(state.live).toEqual([
      expect.objectContaining({
        kind: "thinking",
        done: false,
        text: expect.stringContaining("No tools"),
      }),
    ]);
  });

  it("commits the complete thinking with its duration before the reply", () => {
    const state = replay(events);
    expect(kinds(state)).toEqual(["user", "thinking", "agent"]);
    expect(state.history[1]).toMatchObject({ done: true, durationMs: 1000 });
  });

  it("toggles the thinking view and asks for the history to be written again", () => {
    const state = replay(events);
    const toggled = chatReducer(state, { type: "toggle-thinking" });
    expect(toggled.showThinking).toBe(true);
    expect(toggled.historyEpoch).toBe(state.historyEpoch + 1);
    expect(toggled.history).toBe(state.history);
  });
});

describe("a failed turn", () => {
  const state = replay(fixture("failed-turn.json"));

  it("shows the partial reply, then an error line with the error code", () => {
    expect(kinds(state)).toEqual(["user", "agent", "error"]);
    expect(state.history[2]).toMatchObject({
      message: "Turn failed: The simulated model failed on purpose (model_error)",
    });
    expect(state.lastTurn?.outcome).toBe("failed");
    expect(state.turn.phase).toBe("idle");
  });
});

describe("a cancelled turn", () => {
  const events = fixture("cancelled-turn.json");

  it("goes to cancelling when the user asks, and to idle when the server confirms", () => {
    const started = events.findIndex((e) => e.type === "turn.started");
    const running = replay(events.slice(0, started + 1));
    const cancelling = chatReducer(running, { type: "cancel-requested" });
    expect(cancelling.turn.phase).toBe("cancelling");
    const done = replay(events.slice(started + 1), cancelling);
    expect(done.turn.phase).toBe("idle");
    expect(done.lastTurn?.outcome).toBe("cancelled");
  });

  it("keeps the partial reply, fails the running tool as cancelled, and says so", () => {
    const state = replay(events);
    expect(state.live).toEqual([]);
    expect(all(state).find((i) => i.kind === "tool")).toMatchObject({
      status: "failure",
      outcome: "cancelled",
      durationMs: 1120,
    });
    expect(agentText(state)).toBe("One, two, ");
    expect(all(state).at(-1)).toMatchObject({ kind: "notice", text: "Turn cancelled." });
  });

  it("ignores a cancel request when no turn runs", () => {
    const idle = opened();
    expect(chatReducer(idle, { type: "cancel-requested" })).toBe(idle);
  });
});

describe("a reconnect", () => {
  const actions = fixture<ChatAction[]>("reconnect-turn.json");
  const state = run(actions);

  it("says inline that the stream was lost and is back", () => {
    const notices = all(state).filter((item) => item.kind === "notice");
    expect(notices.map((n) => n.kind === "notice" && n.text)).toEqual([
      "Connection to the event stream lost; reconnecting…",
      "Reconnected.",
    ]);
    expect(state.connection).toBe("live");
  });

  it("ends with the same reply as an uninterrupted stream, without duplicates", () => {
    expect(agentText(state)).toBe(agentText(replay(fixture("text-turn.json"))));
  });
});

describe("UI actions", () => {
  it("shows a refused message as an error line and returns to idle", () => {
    const state = run([
      { type: "submit", text: "hi" },
      { type: "submit-failed", text: "hi", message: "401 Unauthorized" },
    ]);
    expect(state.turn.phase).toBe("idle");
    expect(state.pendingInputs).toEqual([]);
    expect(all(state).at(-1)).toMatchObject({
      kind: "error",
      message: "Message not sent: 401 Unauthorized",
    });
  });

  it("clears the history and starts a new epoch", () => {
    const state = run([{ type: "notice", text: "x" }, { type: "clear" }]);
    expect(state.history).toEqual([]);
    expect(state.historyEpoch).toBe(1);
  });

  it("keeps only the last 50 raw events for the event log", () => {
    const events = fixture("text-turn.json");
    const many = Array.from({ length: 5 }, () => events).flat();
    let state = opened();
    let n = 0;
    for (const event of many) {
      state = chatReducer(state, {
        type: "event",
        event: { ...event, id: `event_${String(n++).padStart(6, "0")}` },
      });
    }
    expect(state.eventLog).toHaveLength(50);
    expect(state.eventLog.at(-1)?.type).toBe("session.idled");
  });

  it("passes an unknown event type to the event log only", () => {
    const event = {
      id: "event_1",
      type: "brand.new",
      ts: "2025-01-01T00:00:00Z",
      session_id: SESSION,
      context: {},
      data: { x: 1 },
    } as unknown as SessionEvent;
    const state = chatReducer(opened(), { type: "event", event });
    expect(all(state)).toEqual([]);
    expect(state.eventLog).toEqual([{ id: "event_1", type: "brand.new", summary: '{"x":1}' }]);
  });
});
