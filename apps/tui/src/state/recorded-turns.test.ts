import { readFileSync } from "node:fs";
import type { SessionEvent } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { chatReducer } from "./chat-reducer.js";
import { type ChatState, initialChatState } from "./chat-state.js";
import type { TranscriptItem } from "./transcript-item.js";

// Event sequences recorded from the dev server by scripts/record-fixtures.mjs.
function recorded(name: string): SessionEvent[] {
  const url = new URL(`./__fixtures__/recorded/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as SessionEvent[];
}

function replay(events: readonly SessionEvent[]): ChatState {
  const sessionId = events[0]?.session_id ?? "";
  const opened = chatReducer(initialChatState(), { type: "session-opened", sessionId });
  return events.reduce<ChatState>(
    (state, event) => chatReducer(state, { type: "event", event }),
    opened,
  );
}

const items = (state: ChatState): TranscriptItem[] => [...state.history, ...state.live];
const ofKind = <K extends TranscriptItem["kind"]>(state: ChatState, kind: K) =>
  items(state).filter((item): item is Extract<TranscriptItem, { kind: K }> => item.kind === kind);

function completedText(events: readonly SessionEvent[]): string {
  for (const event of events) {
    if (event.type !== "output.message.completed") continue;
    return event.data.message.content
      .map((part) => (part.type === "text" ? part.text : ""))
      .join("");
  }
  return "";
}

describe("recorded dev-server turns through the reducer", () => {
  it("a text turn ends idle with the question and the server's final text", () => {
    const events = recorded("text");
    const state = replay(events);
    expect(state.live).toEqual([]);
    expect(ofKind(state, "user").map((item) => item.text)).toEqual(["Hello, who are you?"]);
    expect(
      ofKind(state, "agent")
        .map((item) => item.markdown)
        .join(""),
    ).toBe(completedText(events));
    expect(state.turn.phase).toBe("idle");
    expect(state.lastTurn?.outcome).toBe("completed");
  });

  it("a thinking turn shows the thinking, finished, before the reply", () => {
    const state = replay(recorded("thinking"));
    const [thinking] = ofKind(state, "thinking");
    expect(thinking?.done).toBe(true);
    expect(thinking?.text.length).toBeGreaterThan(10);
    const kinds = items(state).map((item) => item.kind);
    expect(kinds.indexOf("thinking")).toBeLessThan(kinds.indexOf("agent"));
  });

  it("a server-side tool turn shows one successful card for the current_time tool, by its display name", () => {
    const state = replay(recorded("tool"));
    const tools = ofKind(state, "tool");
    expect(tools).toHaveLength(1);
    expect(tools[0]).toMatchObject({ name: "Current time", status: "success", clientSide: false });
  });

  it("a failed turn shows an error line and ends failed", () => {
    const state = replay(recorded("failed"));
    expect(ofKind(state, "error")).toHaveLength(1);
    expect(state.lastTurn?.outcome).toBe("failed");
    expect(state.turn.phase).toBe("idle");
  });

  it("a cancelled turn ends cancelled with nothing left live", () => {
    const state = replay(recorded("cancelled"));
    expect(state.lastTurn?.outcome).toBe("cancelled");
    expect(state.live).toEqual([]);
    expect(state.turn.phase).toBe("idle");
  });
});
