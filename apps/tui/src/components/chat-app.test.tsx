import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { readFixture, tick } from "../test-support/fixtures.js";
import { ScriptedController } from "../test-support/scripted-controller.js";
import { ChatApp } from "./chat-app.js";

const ENTER = "\r";
const SHIFT_ENTER = "\x1b[13;2u";
const ESC = "\x1b";
const UP = "\x1b[A";
const BACKSPACE = "\x7f";
const TAB = "\t";
const CTRL_C = "\x03";
const CTRL_D = "\x04";

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

async function open() {
  const controller = new ScriptedController();
  const app = render(<ChatApp controller={controller} />);
  unmount = app.unmount;
  await tick();
  const type = async (...chunks: string[]) => {
    for (const chunk of chunks) {
      app.stdin.write(chunk);
      await tick(5);
    }
    await tick();
  };
  return { app, controller, type, frame: () => app.lastFrame() ?? "" };
}

describe("the input box", () => {
  it("sends the typed text on Enter and shows it in the transcript", async () => {
    const { controller, type, frame } = await open();
    await type("h", "e", "y", ENTER);
    expect(controller.sent).toEqual(["hey"]);
    expect(frame()).toContain("› hey");
  });

  it("edits with Backspace and inserts new lines with Shift+Enter or a trailing backslash", async () => {
    const { controller, type } = await open();
    await type("a", "x", BACKSPACE, SHIFT_ENTER, "b", "\\", ENTER, "c", ENTER);
    expect(controller.sent).toEqual(["a\nb\nc"]);
  });

  it("inserts a bracketed paste whole, and a large one as a placeholder line", async () => {
    const { controller, type, frame } = await open();
    const big = Array.from({ length: 40 }, (_, i) => `row ${i}`).join("\n");
    await type("\x1b[200~", big.slice(0, 50), big.slice(50), "\x1b[201~");
    expect(frame()).toContain("[pasted 40 lines]");
    expect(frame()).not.toContain("row 39");
    await type(ENTER);
    expect(controller.sent).toEqual([big]);
  });

  it("recalls the previous input with Up", async () => {
    const { type, frame } = await open();
    await type("f", "i", "r", "s", "t", ENTER);
    await type(UP);
    expect(frame()).toMatch(/> first/);
  });
});

describe("streaming", () => {
  it("renders the reply as markdown while it streams, then in full", async () => {
    const { controller, frame } = await open();
    const events = readFixture("text-turn.json");
    const firstDelta = events.findIndex((e) => e.type === "output.message.delta");
    controller.emit(...events.slice(0, firstDelta + 2));
    await tick();
    expect(frame()).toContain("✦ Hello! I am a simulated");
    expect(frame()).toContain("running");
    controller.emit(...events.slice(firstDelta + 2));
    await tick();
    expect(frame()).toContain("const answer = 42;");
    expect(frame()).toContain("That is all.");
    expect(frame()).not.toContain("**simulated**");
    expect(frame()).toContain("last turn completed · 900ms");
  });

  it("wraps a long list item under its text, not under its bullet", async () => {
    const { controller, frame } = await open();
    const events = readFixture("text-turn.json");
    const completed = events.find((e) => e.type === "output.message.completed");
    if (completed?.type !== "output.message.completed") throw new Error("fixture");
    const text = `- ${"lorem ".repeat(30).trim()}\n`;
    controller.emit({
      ...completed,
      data: {
        ...completed.data,
        message: { ...completed.data.message, content: [{ type: "text", text }] },
      },
    });
    await tick();
    const lines = frame()
      .split("\n")
      .filter((line) => line.includes("lorem"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^✦ {3}\* lorem/);
    expect(lines[1]).toMatch(/^ {6}lorem/);
  });

  it("caps a long streaming reply to the terminal and says how much is above", async () => {
    const { controller, frame } = await open();
    const [started, , , outputStarted] = readFixture("text-turn.json");
    const line = "word ".repeat(15);
    const text = Array.from({ length: 60 }, (_, i) => `${i}: ${line}`).join("\n");
    controller.emit(started as never, outputStarted as never);
    controller.emit({
      ...(outputStarted as never as object),
      id: "event_0194f3a2b7c4ffffffffffffa3b5c6d7e8f9",
      type: "output.message.delta",
      data: { turn_id: "turn_1", delta: text, accumulated: text },
    } as never);
    await tick();
    expect(frame()).toMatch(/⋮ \d+ more lines above/);
    expect(frame()).toContain("59: word");
    expect(frame()).not.toContain("\n0: word");
  });
});

describe("tool cards, thinking and errors", () => {
  it("shows each tool call with its outcome, arguments and duration", async () => {
    const { controller, frame } = await open();
    controller.emit(...readFixture("tool-turn.json"));
    await tick();
    expect(frame()).toContain("✔ current_time timezone=UTC · 250ms");
    expect(frame()).toContain("✖ read_file path=/missing.txt · error · 12ms");
    expect(frame()).toContain("file not found");
    expect(frame()).toContain("✔ get_weather (client) city=Paris");
  });

  it("shows a running tool with a spinner, and a client-side request as waiting", async () => {
    const { controller, frame } = await open();
    const events = readFixture("tool-turn.json");
    const started = events.findIndex((e) => e.type === "tool.started");
    controller.emit(...events.slice(0, started + 1));
    await tick();
    expect(frame()).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] current_time timezone=UTC/);
    const requested = events.findIndex((e) => e.type === "tool.call_requested");
    controller.emit(...events.slice(started + 1, requested + 1));
    await tick();
    expect(frame()).toContain("⧗ get_weather (client) city=Paris · waiting for the client");
    expect(frame()).toContain("waiting for tool results");
  });

  it("collapses thinking to one dimmed line, and expands it with Ctrl+T", async () => {
    const { controller, frame, type } = await open();
    controller.emit(...readFixture("thinking-turn.json"));
    await tick();
    expect(frame()).toContain("✻ Thought for 1.0s · The user greets me.  (Ctrl+T to expand)");
    expect(frame()).not.toContain("No tools are needed.");
    await type("\x14");
    expect(frame()).toContain("No tools are needed.");
  });

  it("shows a failed turn as an error line and keeps working", async () => {
    const { controller, frame, type } = await open();
    controller.emit(...readFixture("failed-turn.json"));
    await tick();
    expect(frame()).toContain("✖ Turn failed: The simulated model failed on purpose (model_error)");
    await type("o", "k", ENTER);
    expect(controller.sent).toEqual(["ok"]);
  });

  it("shows a refused message inline", async () => {
    const { controller, frame, type } = await open();
    await type("x", ENTER);
    controller.dispatch({ type: "submit-failed", text: "x", message: "Invalid API key (401)" });
    await tick();
    expect(frame()).toContain("✖ Message not sent: Invalid API key (401)");
    expect(frame()).toContain("idle");
  });

  it("shows reconnecting in the status line and inline", async () => {
    const { controller, frame } = await open();
    controller.dispatch({ type: "connection", state: "reconnecting" });
    await tick();
    expect(frame()).toContain("stream reconnecting");
    expect(frame()).toContain("Connection to the event stream lost; reconnecting…");
  });
});

describe("keys during and between turns", () => {
  it("cancels a running turn with Esc", async () => {
    const { controller, frame, type } = await open();
    controller.emit(...readFixture("cancelled-turn.json").slice(0, 3));
    await tick();
    await type(ESC);
    await tick(60);
    expect(controller.calls).toEqual(["cancel"]);
    expect(frame()).toContain("cancelling…");
  });

  it("cancels a running turn with Ctrl+C instead of quitting", async () => {
    const { controller, type } = await open();
    controller.emit(...readFixture("cancelled-turn.json").slice(0, 3));
    await tick();
    await type(CTRL_C);
    expect(controller.calls).toEqual(["cancel"]);
    expect(controller.stopped).toBe(false);
  });

  it("quits on the second Ctrl+C when idle, after a warning", async () => {
    const { controller, frame, type } = await open();
    await type(CTRL_C);
    expect(frame()).toContain("Press Ctrl+C again to exit.");
    expect(controller.stopped).toBe(false);
    await type(CTRL_C);
    expect(controller.stopped).toBe(true);
  });

  it("quits on Ctrl+D with an empty input", async () => {
    const { controller, type } = await open();
    await type(CTRL_D);
    expect(controller.stopped).toBe(true);
  });
});

describe("slash commands", () => {
  it("hints matching commands and completes with Tab", async () => {
    const { type, frame } = await open();
    await type("/");
    expect(frame()).toContain("/sessions");
    expect(frame()).toContain("/agents [new]");
    await type("t", "h");
    expect(frame()).toContain("expand or collapse thinking");
    expect(frame()).not.toContain("/agents [new]");
    await type(TAB);
    expect(frame()).toMatch(/> \/thinking/);
  });

  it("picks a recent session to resume with /sessions", async () => {
    const { controller, type, frame } = await open();
    controller.sessions = [
      { id: "session_a", label: "First", description: "yesterday" },
      { id: "session_b", label: "Second" },
    ];
    await type(..."/sessions".split(""), ENTER);
    await tick();
    expect(frame()).toContain("❯ First yesterday");
    await type("\x1b[B", ENTER);
    expect(controller.calls).toEqual(["resumeSession session_b"]);
  });

  it("searches the session picker as you type", async () => {
    const { controller, type, frame } = await open();
    controller.sessions = [
      { id: "session_a", label: "Plan the trip" },
      { id: "session_b", label: "Fix the build" },
      { id: "session_c", label: "Trip budget" },
    ];
    await type(..."/sessions".split(""), ENTER);
    await type("t", "r", "i", "p", " ", "b");
    expect(frame()).toContain("search: trip b");
    expect(frame()).toContain("❯ Trip budget");
    expect(frame()).not.toContain("Fix the build");
    await type(BACKSPACE, BACKSPACE, "x", "y", "z");
    expect(frame()).toContain("no match");
    await type(BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE, "\x1b[B", ENTER);
    expect(controller.calls).toEqual(["resumeSession session_c"]);
  });

  it("opens the session picker at start for --resume without an id", async () => {
    const controller = new ScriptedController();
    controller.sessions = [{ id: "session_z", label: "Yesterday's chat" }];
    const app = render(<ChatApp controller={controller} pickSessionAtStart />);
    unmount = app.unmount;
    await tick(20);
    expect(app.lastFrame()).toContain("❯ Yesterday's chat");
    app.stdin.write(ENTER);
    await tick();
    expect(controller.calls).toEqual(["resumeSession session_z"]);
  });

  it("shows the full session id and how to resume it with /session", async () => {
    const { type, frame } = await open();
    await type(..."/session".split(""), ENTER);
    expect(frame()).toContain("Session session_0194f3a2b7c47d1e9a3b5c6d7e8f9012");
    expect(frame()).toContain("everruns-tui --resume session_0194f3a2b7c47d1e9a3b5c6d7e8f9012");
  });

  it("creates or switches agent by name, and starts a new session", async () => {
    const { controller, type } = await open();
    await type(..."/agents my-bot".split(""), ENTER);
    await type(..."/new".split(""), ENTER);
    expect(controller.calls).toEqual(["switchAgent my-bot", "newSession"]);
  });

  it("creates an agent step by step with /agents new: name, prompt, model, capabilities", async () => {
    const { controller, type, frame } = await open();
    controller.models = [
      { id: "model_a", label: "Model A" },
      { id: "model_b", label: "Model B" },
    ];
    controller.capabilities = [
      { id: "current_time", label: "Current time" },
      { id: "web_fetch", label: "Web fetch" },
    ];
    await type(..."/agents new".split(""), ENTER);
    await tick();
    expect(frame()).toContain("New agent · step 1 of 4");
    await type(..."Research Bot".split(""));
    expect(frame()).toContain("> research-bot");
    await type(ENTER, ..."Be brief.".split(""), ENTER);
    expect(frame()).toContain("step 3 of 4");
    expect(frame()).toMatch(/❯ \(•\) server default/);
    await type("\x1b[B", "\x1b[B", ENTER);
    expect(frame()).toContain("model  Model B");
    expect(frame()).toContain("[ ] Current time");
    await type("\x1b[B", " ");
    expect(frame()).toContain("[x] Web fetch");
    await type(ENTER);
    expect(controller.drafts).toEqual([
      {
        name: "research-bot",
        prompt: "Be brief.",
        modelId: "model_b",
        capabilities: ["web_fetch"],
      },
    ]);
    expect(frame()).not.toContain("New agent");
  });

  it("refuses a bad agent name in the form, brings the form back when the server refuses, and Esc cancels", async () => {
    const { controller, type, frame } = await open();
    await type(..."/agents new -x-".split(""), ENTER);
    await tick();
    expect(frame()).toContain("step 1 of 4");
    await type(ENTER);
    expect(frame()).toContain("lowercase letters and digits");
    await type(BACKSPACE, BACKSPACE, BACKSPACE, ..."taken".split(""), ENTER, ENTER, ENTER);
    controller.createResult = false;
    await type(ENTER);
    await tick();
    expect(controller.drafts.map((draft) => draft.name)).toEqual(["taken"]);
    expect(frame()).toContain("Not created (see above)");
    expect(frame()).toContain("step 1 of 4");
    await type(ESC);
    expect(frame()).not.toContain("New agent");
    expect(frame()).toContain("No agent created.");
  });

  it("shows the workspace with /files, and a refusal inline", async () => {
    const { controller, type, frame } = await open();
    await type(..."/files nope.md".split(""), ENTER);
    await tick();
    expect(frame()).toContain(
      "Could not read the workspace: nope.md is not in this session's workspace",
    );
    controller.workspace = {
      type: "listing",
      root: "/",
      entries: [{ path: "/a.md", name: "a.md", depth: 0, isDirectory: false, sizeBytes: 12 }],
      more: 0,
      fileCount: 1,
      totalBytes: 12,
    };
    await type(..."/files".split(""), ENTER);
    await tick();
    expect(frame()).toContain("▤ Workspace / · 1 file, 12 B");
    expect(frame()).toMatch(/ {2}a\.md +12 B/);
    expect(controller.calls).toEqual(["readWorkspace nope.md", "readWorkspace "]);
  });

  it("opens the session's events with /events: filter as you type, pretty JSON, Esc closes", async () => {
    const { controller, type, frame } = await open();
    controller.emit(...readFixture("text-turn.json"));
    await type(..."/events".split(""), ENTER);
    await tick();
    expect(frame()).toContain("turn.completed");
    expect(frame()).toMatch(/❯ \d+ session\.idled/);
    expect(frame()).toContain('"type": "session.idled"');
    await type(..."delta".split(""));
    expect(frame()).toMatch(/events 7 of 14 · filter: delta/);
    expect(frame()).not.toMatch(/❯ \d+ session\.idled/);
    expect(frame()).toContain('"type": "output.message.delta"');
    const selectedOf = () => Number(/❯ (\d+) /.exec(frame())?.[1]);
    const last = selectedOf();
    await type(UP);
    expect(selectedOf()).toBeLessThan(last);
    expect(frame()).toMatch(/❯ \d+ output\.message\.delta/);
    await type(ESC);
    expect(frame()).not.toContain("filter: delta");
  });

  it("lists the commands with /help and reports unknown ones", async () => {
    const { type, frame } = await open();
    await type(..."/help".split(""), ENTER);
    expect(frame()).toContain("/clear");
    await type(..."/nope".split(""), ENTER);
    expect(frame()).toContain("Unknown command /nope");
  });

  it("quits with /exit", async () => {
    const { controller, type } = await open();
    await type(..."/exit".split(""), ENTER);
    expect(controller.stopped).toBe(true);
  });
});

describe("the footer", () => {
  it("shows the local badge, agent, short session id, turn and stream state", async () => {
    const { frame } = await open();
    expect(frame()).toContain(
      " local dev server  │ Test agent │ session 7e8f9012 │ idle │ stream live",
    );
  });

  it("shows the token usage of the last turn", async () => {
    const { controller, frame } = await open();
    controller.emit(...readFixture("failed-turn.json"));
    controller.emit(...readFixture("text-turn.json").slice(-2));
    await tick();
    expect(frame()).toContain("last turn completed · 900ms · 412 in · 57 out tokens │ Enter send");
  });
});

describe("typing while it works", () => {
  const turn = readFixture("text-turn.json");
  const started = turn.findIndex((e) => e.type === "turn.started");

  it("queues a message typed during a turn, lets it be taken back, and sends it when the turn ends", async () => {
    const { controller, type, frame } = await open();
    await type(..."go".split(""), ENTER);
    controller.emit(...turn.slice(0, started + 1));
    await type(..."one".split(""), ENTER, ..."two".split(""), ENTER);
    expect(frame()).toContain("queued › one");
    expect(frame()).toContain("queued › two  (↑ to edit)");
    await type(UP);
    expect(frame()).not.toContain("queued › two");
    expect(frame()).toMatch(/> two/);
    await type(BACKSPACE, BACKSPACE, BACKSPACE, ..."2!".split(""), ENTER);
    expect(frame()).toContain("queued › 2!");
    expect(controller.sent).toEqual(["go"]);
    controller.emit(...turn.slice(started + 1));
    await tick(20);
    expect(controller.sent).toEqual(["go", "one"]);
    expect(frame()).toContain("queued › 2!");
    expect(frame()).not.toContain("queued › one");
  });

  it("handles keys that arrive in one chunk, in order: /th then Tab, Down then Enter", async () => {
    const { app, controller, type, frame } = await open();
    app.stdin.write("/th\t");
    await tick();
    expect(frame()).toMatch(/> \/thinking/);
    await type(CTRL_C);
    controller.sessions = [
      { id: "session_a", label: "First" },
      { id: "session_b", label: "Second" },
    ];
    await type(..."/sessions".split(""), ENTER);
    await tick();
    app.stdin.write("\x1b[B\r");
    await tick();
    expect(controller.calls).toEqual(["resumeSession session_b"]);
  });

  it("searches earlier inputs with Ctrl+R", async () => {
    const { controller, type, frame } = await open();
    await type(..."alpha one".split(""), ENTER);
    controller.emit(...turn.slice(1));
    await type(..."/help".split(""), ENTER);
    await type("\x12", "a", "l");
    expect(frame()).toContain("(search earlier inputs) al▏ alpha one");
    await type(ENTER);
    expect(frame()).toMatch(/> alpha one/);
  });

  it("retries the last message and copies the last reply", async () => {
    const { controller, type, frame } = await open();
    controller.emit(...turn);
    await tick();
    await type(..."/retry".split(""), ENTER);
    const input = turn[0];
    const asked = input?.type === "input.message" ? input.data.message.content : [];
    expect(controller.sent).toEqual([asked.map((p) => ("text" in p ? p.text : "")).join("")]);
    await type(..."/copy".split(""), ENTER);
    expect(frame()).toContain("Copied the last reply");
  });

  it("shows a spinner, the elapsed time and the tokens so far during a turn", async () => {
    const { controller, type, frame } = await open();
    await type(..."go".split(""), ENTER);
    const firstDelta = turn.findIndex((e) => e.type === "output.message.delta");
    controller.emit(...turn.slice(0, firstDelta + 3));
    await tick(250);
    expect(frame()).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] running \d+(ms|\.\ds) · ~\d+ tokens/);
  });
});

describe("workspace files and /clear", () => {
  it("shows a file the agent wrote as a card", async () => {
    const { controller, frame } = await open();
    const [base] = readFixture("text-turn.json");
    controller.emit({
      ...base,
      id: "event_ffffffffffffffffffffffffffffffff",
      type: "file.written",
      data: { path: "/notes/plan.md", operation: "write", size_bytes: 2048, created: true },
    } as unknown as NonNullable<typeof base>);
    await tick();
    expect(frame()).toContain("+ created /notes/plan.md (write, 2.0 KB)");
  });

  it("picks a model with /model, which starts a new session with it", async () => {
    const { controller, type, frame } = await open();
    controller.models = [
      { id: "model_a", label: "Model A" },
      { id: "model_b", label: "Model B" },
    ];
    await type(..."/model".split(""), ENTER);
    await tick();
    expect(frame()).toContain("❯ Model A");
    await type("\x1b[B", ENTER);
    expect(controller.calls).toEqual(['startWith {"modelId":"model_b"}']);
  });

  it("exports the transcript as Markdown and the events as JSONL with /export", async () => {
    const { controller, type, frame } = await open();
    controller.emit(...readFixture("text-turn.json"));
    const dir = mkdtempSync(join(tmpdir(), "tui-export-"));
    try {
      await type(...`/export ${join(dir, "chat.md")}`.split(""), ENTER);
      await tick(50);
      expect(readFileSync(join(dir, "chat.md"), "utf8")).toContain("> hello");
      await type(...`/export ${join(dir, "events.jsonl")}`.split(""), ENTER);
      await tick(50);
      const lines = readFileSync(join(dir, "events.jsonl"), "utf8").trim().split("\n");
      expect(lines).toHaveLength(controller.emitted.length);
      expect(frame()).toContain("Wrote 14 events to");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("starts a new conversation with /clear", async () => {
    const { controller, type } = await open();
    await type(..."/clear".split(""), ENTER);
    expect(controller.calls).toEqual(["newSession"]);
  });
});
