import { readFileSync } from "node:fs";
import type { SessionEvent } from "@everruns/core";
import { describe, expect, it } from "vitest";
import { chatReducer } from "./chat-reducer.js";
import { initialChatState } from "./chat-state.js";
import { transcriptMarkdown } from "./transcript-markdown.js";

describe("transcriptMarkdown", () => {
  it("writes the user's messages as quotes and each reply whole", () => {
    const events = JSON.parse(
      readFileSync(new URL("./__fixtures__/text-turn.json", import.meta.url), "utf8"),
    ) as SessionEvent[];
    const state = events.reduce(
      (s, event) => chatReducer(s, { type: "event", event }),
      chatReducer(initialChatState(), {
        type: "session-opened",
        sessionId: "session_0194f3a2b7c47d1e9a3b5c6d7e8f9012",
      }),
    );
    const md = transcriptMarkdown(state.history, "Session x");
    expect(md.startsWith("# Session x\n\n> hello\n\nHello! I am")).toBe(true);
    expect(md).toContain("```ts\nconst answer = 42;\n\nconsole.log(answer);\n```");
    expect(md.trimEnd().endsWith("That is all.")).toBe(true);
  });
});
