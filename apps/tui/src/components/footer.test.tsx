import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { chatReducer } from "../state/chat-reducer.js";
import { initialChatState } from "../state/chat-state.js";
import { Footer, keyHints } from "./footer.js";

const SESSION = "session_0194f3a2b7c47d1e9a3b5c6d7e8f9012";

describe("the footer's key hints", () => {
  it("picks the longest hint that fits, down to /help", () => {
    expect(keyHints(true, 200)).toContain("Ctrl+R search");
    expect(keyHints(true, 45)).toBe("Enter send · Ctrl+J newline · / commands");
    expect(keyHints(true, 10)).toBe("/help");
    expect(keyHints(false, 12)).toBe("Esc cancel");
  });

  it("uses short labels in a narrow terminal, so nothing is cut", () => {
    const state = chatReducer(
      chatReducer(initialChatState(), {
        type: "session-opened",
        sessionId: SESSION,
        agentName: "A",
      }),
      { type: "connection", state: "live" },
    );
    const server = { label: "local dev server", local: true };
    const { lastFrame, unmount } = render(<Footer server={server} state={state} width={60} />);
    const lines = (lastFrame() ?? "").split("\n");
    expect(lines[0]).toBe(" local  │ 7e8f9012 │ idle │ live");
    for (const line of lines) expect(line).not.toContain("…");
    unmount();
  });
});
