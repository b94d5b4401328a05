// Renders the chat in a fake terminal and prints what Ink wrote, as JSON. Run by
// flicker.test.ts in a child process with a clean environment: Ink decides once, when it
// loads, whether it runs in CI (and then draws no live region at all).
import { EventEmitter } from "node:events";
import { render, Text } from "ink";
import React from "react";
import { ChatApp } from "../dist/components/chat-app.js";

const [mode, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);

class FakeTerminal extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = rows;
  output = "";
  write(data, callback) {
    this.output += String(data);
    callback?.();
    return true;
  }
}
class FakeKeyboard extends EventEmitter {
  isTTY = true;
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    return null;
  }
}

const stdout = new FakeTerminal();
const options = {
  stdout,
  stderr: stdout,
  stdin: new FakeKeyboard(),
  maxFps: 1000,
  exitOnCtrlC: false,
  patchConsole: false,
};
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 2));

if (mode === "naive") {
  // A live region taller than the screen: Ink must clear the screen here.
  const lines = (n) =>
    React.createElement(Text, null, Array.from({ length: n }, (_, i) => `line ${i}`).join("\n"));
  const app = render(lines(rows + 5), options);
  await nextFrame();
  app.rerender(lines(rows + 6));
  await nextFrame();
  app.unmount();
} else {
  const session = "session_0194f3a2b7c47d1e9a3b5c6d7e8f9012";
  let dispatch;
  const controller = {
    server: { label: "local dev server", local: true },
    start(d) {
      dispatch = d;
      d({ type: "session-opened", sessionId: session, agentName: "Flicker" });
      d({ type: "connection", state: "live" });
      return () => {};
    },
    send: async () => {},
    cancel: async () => {},
    newSession: async () => {},
    listSessions: async () => [],
    resumeSession: async () => {},
    listAgents: async () => [],
    switchAgent: async () => {},
  };
  const app = render(React.createElement(ChatApp, { controller }), options);
  await nextFrame();
  let n = 0;
  const event = (type, data) => ({
    id: `event_${String(++n).padStart(32, "0")}`,
    type,
    ts: new Date(1_700_000_000_000 + n).toISOString(),
    session_id: session,
    context: { turn_id: "turn_1" },
    data,
  });
  const sentence = "Every sentence of this paragraph is long enough to wrap across the terminal. ";
  const sections = Array.from({ length: 6 }, (_, i) =>
    [
      `## Section ${i}`,
      sentence.repeat(14).trim(),
      Array.from({ length: 8 }, (_, j) => `- point ${j} of section ${i}`).join("\n"),
      `\`\`\`ts\n${Array.from({ length: 20 }, (_, j) => `const v${j} = ${j};`).join("\n")}\n\`\`\``,
    ].join("\n\n"),
  );
  const reply = sections.join("\n\n");
  dispatch({
    type: "event",
    event: event("turn.started", { turn_id: "turn_1", input_message_id: "message_1" }),
  });
  dispatch({ type: "event", event: event("output.message.started", { turn_id: "turn_1" }) });
  let accumulated = "";
  for (const delta of reply.match(/[\s\S]{1,24}/g)) {
    accumulated += delta;
    dispatch({
      type: "event",
      event: event("output.message.delta", { turn_id: "turn_1", delta, accumulated }),
    });
    await nextFrame();
  }
  dispatch({ type: "event", event: event("turn.completed", { turn_id: "turn_1", iterations: 1 }) });
  await nextFrame();
  app.unmount();
}
process.stdout.write(JSON.stringify({ output: stdout.output }));
