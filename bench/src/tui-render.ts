import { EventEmitter } from "node:events";
import type { SessionEvent } from "@everruns/core";
import type { ChatController } from "@everruns/tui/dist/chat-controller.js";
import { ChatApp } from "@everruns/tui/dist/components/chat-app.js";
import type { ChatAction } from "@everruns/tui/dist/state/chat-state.js";
import { render } from "ink";
import { createElement } from "react";
import { type BenchSettings, cell, fmt, printTable, summarize } from "./internal/stats.js";

const SESSION = "session_0194f3a2b7c47d1e9a3b5c6d7e8f9012";
/** Clears of the whole screen: `ESC[2J` (erase display) and `ESC[3J` (erase scrollback). */
const FULL_CLEARS = ["\x1b[2J", "\x1b[3J"];

/** A terminal for Ink: 100×40, counts the bytes written and any full-screen clear. */
class CountingTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 100;
  readonly rows = 40;
  bytes = 0;
  clears = 0;
  write(chunk: string | Uint8Array): boolean {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    this.bytes += Buffer.byteLength(text);
    if (FULL_CLEARS.some((clear) => text.includes(clear))) this.clears++;
    return true;
  }
}

/** A keyboard that never types. */
class IdleStdin extends EventEmitter {
  readonly isTTY = true;
  setRawMode() {
    return this;
  }
  setEncoding() {
    return this;
  }
  read() {
    return null;
  }
  ref() {}
  unref() {}
  resume() {
    return this;
  }
  pause() {
    return this;
  }
}

/** A controller that lets the benchmark push events, as the session stream would. */
class BenchController implements ChatController {
  readonly server = { label: "bench", local: true };
  dispatch: (action: ChatAction) => void = () => {};
  start(dispatch: (action: ChatAction) => void): () => void {
    this.dispatch = dispatch;
    dispatch({ type: "session-opened", sessionId: SESSION, agentName: "Bench" });
    dispatch({ type: "connection", state: "live" });
    return () => {};
  }
  async send() {}
  async cancel() {}
  async newSession() {}
  async listSessions() {
    return [];
  }
  async resumeSession() {}
  async listAgents() {
    return [];
  }
  async switchAgent() {}
}

let serial = 0;
function event(type: string, turn: number, data: unknown): SessionEvent {
  serial++;
  return {
    id: `event_${serial.toString(16).padStart(32, "0")}`,
    type,
    ts: new Date(1_700_000_000_000 + serial).toISOString(),
    session_id: SESSION,
    sequence: serial,
    context: { turn_id: `turn_${turn}` },
    data,
  } as SessionEvent;
}
function message(id: string, role: "user" | "agent", text: string) {
  return { id, role, content: [{ type: "text", text }], created_at: "2025-01-01T00:00:00Z" };
}
/** One finished turn: a question and its answer (two messages). */
function pastTurn(n: number): SessionEvent[] {
  return [
    event("input.message", n, {
      message: message(`message_q${n}`, "user", `Question ${n}: what about item ${n}?`),
    }),
    event("turn.started", n, { turn_id: `turn_${n}` }),
    event("output.message.started", n, { turn_id: `turn_${n}` }),
    event("output.message.completed", n, {
      message: message(
        `message_a${n}`,
        "agent",
        `Answer ${n}: **item ${n}** is fine.\n- one point\n- another point`,
      ),
    }),
    event("turn.completed", n, { turn_id: `turn_${n}`, iterations: 1 }),
  ];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams `deltas` deltas into a transcript of `earlier` messages; returns CPU ms, bytes and clears of the streaming phase. */
async function streamInto(earlier: number, deltas: number) {
  const terminal = new CountingTerminal();
  const controller = new BenchController();
  const app = render(createElement(ChatApp, { controller }), {
    stdout: terminal as unknown as NodeJS.WriteStream,
    stdin: new IdleStdin() as unknown as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  await pause(50);
  const history = Array.from({ length: earlier / 2 }, (_, n) => pastTurn(n)).flat();
  if (history.length) controller.dispatch({ type: "events", events: history });
  await pause(300);
  const turn = earlier + 1;
  const bytesBefore = terminal.bytes;
  const clearsBefore = terminal.clears;
  const cpu = process.cpuUsage();
  controller.dispatch({
    type: "event",
    event: event("input.message", turn, {
      message: message("message_now", "user", "Write a long answer"),
    }),
  });
  controller.dispatch({
    type: "event",
    event: event("turn.started", turn, { turn_id: `turn_${turn}` }),
  });
  controller.dispatch({
    type: "event",
    event: event("output.message.started", turn, { turn_id: `turn_${turn}` }),
  });
  let text = "";
  for (let n = 0; n < deltas; n++) {
    const delta =
      n % 40 === 39 ? "line end.\n\n" : n % 10 === 9 ? "with `code` " : `word${n} and more `;
    text += delta;
    controller.dispatch({
      type: "event",
      event: event("output.message.delta", turn, {
        turn_id: `turn_${turn}`,
        delta,
        accumulated: text,
      }),
    });
    // Deltas arrive over time, not in one burst: give Ink a chance to render between them.
    if (n % 4 === 3) await pause(1);
  }
  controller.dispatch({
    type: "event",
    event: event("output.message.completed", turn, {
      message: message("message_reply", "agent", text),
    }),
  });
  controller.dispatch({
    type: "event",
    event: event("turn.completed", turn, { turn_id: `turn_${turn}`, iterations: 1 }),
  });
  await pause(100);
  const used = process.cpuUsage(cpu);
  const result = {
    cpuMs: (used.user + used.system) / 1000,
    bytes: terminal.bytes - bytesBefore,
    clears: terminal.clears - clearsBefore,
  };
  app.unmount();
  app.cleanup();
  return result;
}

/** Benchmark 5: what streaming a reply costs the TUI, with an empty and with a long transcript. */
export async function tuiRender(settings: BenchSettings): Promise<void> {
  const deltas = settings.quick ? 300 : 2_000;
  const rounds = settings.quick ? 1 : 5;
  const sizes = [0, 500, 5_000];
  const runs = new Map<number, { cpuMs: number; bytes: number; clears: number }[]>(
    sizes.map((size) => [size, []]),
  );
  await streamInto(0, 300); // warm-up: JIT and React caches
  for (let n = 0; n < rounds; n++) {
    for (const earlier of sizes) runs.get(earlier)?.push(await streamInto(earlier, deltas));
  }
  const stats = (earlier: number) => {
    const all = runs.get(earlier) ?? [];
    return {
      cpu: summarize(all.map((r) => r.cpuMs)),
      bytes: summarize(all.map((r) => r.bytes)),
      clears: all.reduce((n, r) => n + r.clears, 0),
    };
  };
  const base = stats(0);
  const clears = sizes.reduce((n, size) => n + stats(size).clears, 0);
  const ratio = (earlier: number) => stats(earlier).cpu.median / base.cpu.median;
  printTable(
    "5. TUI render cost",
    [
      "transcript",
      "CPU ms, median (min–max)",
      "bytes to the terminal",
      "full-screen clears",
      "vs empty (CPU / bytes)",
    ],
    sizes.map((earlier) => {
      const r = stats(earlier);
      return [
        earlier === 0 ? "empty" : `${fmt(earlier, 0)} earlier messages`,
        cell(r.cpu, 0),
        cell(r.bytes, 0),
        String(r.clears),
        `${fmt(ratio(earlier))}× / ${fmt(r.bytes.median / base.bytes.median)}×`,
      ];
    }),
    [
      `A ${fmt(deltas, 0)}-delta reply streamed into the TUI's ChatApp (Ink ${"6.8"}, React 19) rendering to a 100×40 in-memory terminal, ${rounds} rounds; only the streaming phase is measured (history rendered and settled before).`,
      `Target: the 500-message case costs at most 1.2× the empty one (${ratio(500) <= 1.2 ? "met" : "NOT met"}); the 5,000-message row is shown without a target; no ESC[2J/ESC[3J while streaming (${clears === 0 ? "met" : `NOT met: ${clears}`}).`,
    ],
  );
}
