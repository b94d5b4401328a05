import type { Message } from "@everruns/core";
import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../store/store.js";
import { MAX_HISTORY_CHARS, MAX_HISTORY_MESSAGES } from "./history-window.js";
import { turnHistory } from "./turn-context.js";

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

let n = 0;
function message(role: "user" | "agent", text: string): Message {
  n++;
  return {
    id: `message_${n.toString(16).padStart(32, "0")}`,
    role,
    content: [{ type: "text", text }],
    created_at: new Date(1_700_000_000_000 + n).toISOString(),
  } as Message;
}

function session(count: number, size: number): { store: Store; input: Message } {
  const store = new Store(":memory:");
  stores.push(store);
  for (let i = 0; i < count; i++) {
    store.messages.append("s", message(i % 2 === 0 ? "user" : "agent", `${i} ${"x".repeat(size)}`));
  }
  const input = message("user", "the question");
  store.messages.append("s", input);
  return { store, input };
}

describe("the history a turn hands the model", () => {
  it("keeps a short session whole, with the input last", () => {
    const { store, input } = session(6, 10);
    const history = turnHistory(store, "s", input, new Set());
    expect(history).toHaveLength(7);
    expect(history.at(-1)?.id).toBe(input.id);
  });

  it("is windowed to the latest messages on a long session, starting at a user message", () => {
    const { store, input } = session(1_001, 10);
    const history = turnHistory(store, "s", input, new Set());
    expect(history.length).toBeLessThanOrEqual(MAX_HISTORY_MESSAGES + 1);
    expect(history.length).toBeGreaterThan(MAX_HISTORY_MESSAGES - 2);
    expect(history[0]?.role).toBe("user");
    expect(history.at(-1)?.id).toBe(input.id);
  });

  it("reads no more than the character budget when messages are large", () => {
    // 60 messages of 100 kB: 6 MB stored, about 2 MB handed on.
    const { store, input } = session(60, 100_000);
    const history = turnHistory(store, "s", input, new Set());
    const chars = history.reduce((sum, m) => sum + JSON.stringify(m).length, 0);
    expect(chars).toBeLessThanOrEqual(MAX_HISTORY_CHARS + 200_000);
    expect(history.length).toBeLessThan(30);
    expect(history.at(-1)?.id).toBe(input.id);
  });
});
