import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Everruns, type SessionEvent } from "@everruns/core";
import { streamEvents } from "@everruns/streaming";
import { afterAll, describe, expect, it } from "vitest";
import { type DevServerProcess, spawnDevServer } from "./internal/dev-server-process.js";
import { SecretWatch, suiteToken } from "./internal/secret-watch.js";
import { between, seededRandom } from "./internal/seeded-random.js";
import { storedEvents } from "./internal/stored-events.js";
import { orderProblems, TERMINAL_TYPES, turnOf } from "./internal/turn-log.js";

const TOKEN = suiteToken("crash");
const watch = new SecretWatch([TOKEN]);
const KILLS = 3;
const folder = mkdtempSync(join(tmpdir(), "everruns-crash-"));
const db = join(folder, "everruns.sqlite");
let running: DevServerProcess | undefined;

afterAll(async () => {
  running?.child.kill("SIGKILL");
  await running?.exited;
  rmSync(folder, { recursive: true, force: true });
});

function start(port: number): Promise<DevServerProcess> {
  // 10 ms between deltas: a short reply streams for about 0.3 s, long enough to kill mid-turn.
  const args = ["--db", db, "--port", String(port), "--api-key", TOKEN, "--sim-delay-ms", "10"];
  // Only stderr is the log. The stdout banner prints the key on purpose ("export
  // EVERRUNS_API_KEY=..."): it is the local key the user chose, shown so they can copy it.
  return spawnDevServer(args, (stream, text) => {
    if (stream === "stderr") watch.output("CLI stderr", text);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the turn of message `messageId` has stored a delta; returns that turn's id. */
async function firstDeltaTurn(
  client: Everruns,
  sessionId: string,
  messageId: string,
): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const page = await client.events.list(sessionId, {
      types: ["input.message", "output.message.delta"],
    });
    const input = page.data.find(
      (e) => e.type === "input.message" && e.data.message.id === messageId,
    );
    const turnId = input ? turnOf(input) : undefined;
    if (
      turnId &&
      page.data.some((e) => e.type === "output.message.delta" && turnOf(e) === turnId)
    ) {
      return turnId;
    }
    await sleep(20);
  }
  throw new Error(`message ${messageId} never started streaming`);
}

describe("the dev server SIGKILLed mid-turn and restarted on the same database file", () => {
  it(`loses nothing committed, fails the interrupted turns with server_restarted, and the stream resumes by itself (${KILLS} kills)`, async () => {
    const random = seededRandom(2024);
    running = await start(0);
    const port = running.port;
    const client = new Everruns({ baseUrl: running.url, apiKey: TOKEN, timeoutMs: 5_000 });
    const agent = await client.agents.create({ name: "crash-agent", system_prompt: "Be brief." });
    const session = await client.sessions.create({ agent_id: agent.id, title: "crash" });
    // The kill targets: slow turns (150 ms a delta, at least 40 deltas) in a session of their
    // own, so each is certainly still running when the server is killed, however far behind
    // a loaded machine makes the streaming client.
    const targets = await client.sessions.create({ agent_id: agent.id, title: "kill targets" });

    // What the server acknowledged: it must all be there at the end.
    const committed = { agents: [agent.id], sessions: [session.id], messages: [] as string[] };
    const received: SessionEvent[] = [];

    const stream = streamEvents(client, session.id, {
      idleTimeoutMs: 3_000,
      onWarning: (warning) => {
        watch.output("stream warning", warning.message);
        if (warning.cause !== undefined) watch.error(warning.cause);
      },
    });
    const reading = (async () => {
      for await (const event of stream) received.push(event);
    })();

    // The writer: a message every ~150 ms, and now and then a new agent and session.
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        try {
          const message = await client.messages.create(session.id, `question ${n}`);
          committed.messages.push(message.id);
          if (n % 4 === 0) {
            const extra = await client.agents.create({
              name: `crash-agent-${n}`,
              system_prompt: "Be brief.",
            });
            committed.agents.push(extra.id);
            const other = await client.sessions.create({ agent_id: extra.id });
            committed.sessions.push(other.id);
          }
        } catch (error) {
          // A request cut by the kill: not acknowledged, so not counted as committed.
          watch.error(error);
        }
        await sleep(between(random, 100, 200));
      }
    })();

    const interrupted: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(between(random, 600, 1_200));
      // Kill once the slow target turn has streamed its first delta: seconds of it remain.
      const target = await client.messages.create(targets.id, `[simulate:slow] target ${kill}`);
      const turnId = await firstDeltaTurn(client, targets.id, target.id);
      running.child.kill("SIGKILL");
      await running.exited;
      interrupted.push(turnId);
      await sleep(between(random, 100, 400));
      running = await start(port);
    }
    await sleep(800);
    writing = false;
    await writer;

    // Wait until every turn of the session has ended, as seen by the resumed stream.
    const deadline = Date.now() + 20_000;
    const openTurns = () => {
      const started = new Set<string>();
      const ended = new Set<string>();
      for (const event of received) {
        const turn = turnOf(event);
        if (!turn) continue;
        if (event.type === "input.message") started.add(turn);
        if (TERMINAL_TYPES.has(event.type)) ended.add(turn);
      }
      return [...started].filter((turn) => !ended.has(turn));
    };
    while (
      (openTurns().length > 0 || received.length === 0 || committed.messages.length === 0) &&
      Date.now() < deadline
    ) {
      await sleep(100);
    }
    stream.abort();
    await reading;

    expect(openTurns()).toEqual([]);
    // The stream resumed by itself across every restart: exactly once, in order, nothing missing.
    const stored = await storedEvents(client, session.id);
    expect(orderProblems(received)).toEqual([]);
    expect(received.map((event) => event.id)).toEqual(stored.map((event) => event.id));

    // Every turn killed mid-flight ended turn.failed with server_restarted.
    const targetEvents = await storedEvents(client, targets.id);
    for (const turnId of interrupted) {
      const ends = targetEvents.filter((e) => turnOf(e) === turnId && TERMINAL_TYPES.has(e.type));
      expect(ends).toHaveLength(1);
      expect(ends[0]).toMatchObject({
        type: "turn.failed",
        data: { error_code: "server_restarted" },
      });
    }
    // Every turn ended exactly once, and only with success or server_restarted.
    const terminals = received.filter((event) => TERMINAL_TYPES.has(event.type));
    expect(new Set(terminals.map(turnOf)).size).toBe(terminals.length);
    for (const end of terminals) {
      if (end.type === "turn.failed") expect(end.data.error_code).toBe("server_restarted");
      else expect(end.type).toBe("turn.completed");
    }
    expect(terminals.filter((e) => e.type === "turn.completed").length).toBeGreaterThan(3);

    // No acknowledged message, agent or session was lost.
    const messages = await client.messages.list(session.id);
    const messageIds = new Set(messages.data.map((message) => message.id));
    expect(committed.messages.filter((id) => !messageIds.has(id))).toEqual([]);
    expect(committed.messages.length).toBeGreaterThan(5);
    expect(committed.agents.length).toBeGreaterThan(2);
    for (const id of committed.agents) expect((await client.agents.get(id)).id).toBe(id);
    for (const id of committed.sessions) expect((await client.sessions.get(id)).id).toBe(id);
  }, 60_000);

  it("printed the API key in no log line of the CLI and no SDK error", () => {
    expect(watch.size).toBeGreaterThan(0);
    expect(watch.leaks()).toEqual([]);
  });
});
