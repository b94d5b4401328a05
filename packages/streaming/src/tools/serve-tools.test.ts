import {
  Everruns,
  NotFoundError,
  type Session,
  type SessionEvent,
  type ToolDefinition,
} from "@everruns/core";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamEvents } from "../event-stream.js";
import { until } from "../test-support/stream-helpers.js";
import { objectSchema } from "../test-support/tiny-schema.js";
import { defineTool, type Tool } from "./define-tool.js";
import { type ServeToolsOptions, serveTools, type ToolCallReport } from "./serve-tools.js";

let server: DevServer;
let client: Everruns;
let agentId: string;

beforeAll(async () => {
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
  client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
  agentId = (await client.agents.create({ name: "serve-tools-tests", system_prompt: "Be brief." }))
    .id;
});
afterAll(() => server.close());

/** A JSON Schema tool whose calls are counted by call id. */
function countingTool(
  name: string,
  run: Tool["run"] = () => ({ ok: true }),
): Tool & { runs: string[] } {
  const runs: string[] = [];
  const tool = defineTool({
    name,
    description: `The ${name} tool`,
    parameters: { type: "object", properties: { query: { type: "string" } } },
    run: (args, context) => {
      runs.push(context.call.id);
      return run(args, context);
    },
  });
  return Object.assign(tool, { runs });
}

/** Starts a runner; `stop()` aborts it and resolves when it has stopped. */
function startRunner(sessionId: string, options: ServeToolsOptions) {
  const controller = new AbortController();
  const reports: ToolCallReport[] = [];
  const states: string[] = [];
  const done = serveTools(client, sessionId, {
    ...options,
    signal: controller.signal,
    onCall: (report) => reports.push(report),
    stream: { onStateChange: (state) => states.push(state) },
  });
  return {
    reports,
    done,
    live: () => until(() => states.includes("live"), 5_000, "the runner's stream"),
    async stop() {
      controller.abort();
      await done;
    },
  };
}

const newSession = (tools: ToolDefinition[]): Promise<Session> =>
  client.sessions.create({ agent_id: agentId, tools });

/** Every event of the session so far, once `turns` turns have ended. */
async function eventsAfterTurns(sessionId: string, turns: number): Promise<SessionEvent[]> {
  const events: SessionEvent[] = [];
  let ended = 0;
  for await (const event of streamEvents(client, sessionId)) {
    events.push(event);
    if (event.type === "turn.completed" || event.type === "turn.failed") ended++;
    if (ended >= turns) break;
  }
  return events;
}

const completedCalls = (events: SessionEvent[]) =>
  events.flatMap((e) => (e.type === "tool.completed" ? [e.data.tool_call_id] : []));
const requestedCalls = (events: SessionEvent[]) =>
  events.flatMap((e) =>
    e.type === "tool.call_requested" ? e.data.tool_calls.map((c) => c.id) : [],
  );
const finalTexts = (events: SessionEvent[]) =>
  events.flatMap((e) =>
    e.type === "output.message.completed"
      ? [e.data.message.content.map((p) => ("text" in p ? p.text : "")).join("")]
      : [],
  );

describe("serveTools on the dev server", () => {
  it("answers every call of many turns, each once, whoever sent the messages", async () => {
    const lookup = countingTool("lookup", ({ query }) => `found: ${String(query).length} chars`);
    const session = await newSession([lookup.declaration]);
    const runner = startRunner(session.id, { tools: [lookup] });
    await runner.live();
    for (const n of [1, 2, 3, 4])
      await client.messages.create(session.id, `Use lookup, message ${n}`);
    const events = await eventsAfterTurns(session.id, 4);
    await runner.stop();
    const requested = requestedCalls(events);
    expect(requested).toHaveLength(4);
    expect([...lookup.runs].sort()).toEqual([...requested].sort());
    expect(completedCalls(events).sort()).toEqual([...requested].sort());
    expect(runner.reports.map((r) => [r.outcome, r.delivery])).toEqual(
      Array(4).fill(["succeeded", "accepted"]),
    );
    expect(finalTexts(events).every((text) => text.includes("found:"))).toBe(true);
  });

  it("answers the calls of one request together, up to `concurrency` at once", async () => {
    let running = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async () => {
      running++;
      most = Math.max(most, running);
      if (running === 2) release();
      await gate;
      running--;
      return "done";
    };
    const alpha = countingTool("alpha", slow);
    const beta = countingTool("beta", slow);
    const session = await newSession([alpha.declaration, beta.declaration]);
    const runner = startRunner(session.id, { tools: [alpha, beta], concurrency: 2 });
    await client.messages.create(session.id, "Use alpha and beta together.");
    const events = await eventsAfterTurns(session.id, 1);
    await runner.stop();
    expect(most).toBe(2);
    expect(requestedCalls(events)).toHaveLength(2);
    expect(completedCalls(events)).toHaveLength(2);
  });

  it("runs calls one after another with concurrency 1", async () => {
    let running = 0;
    let most = 0;
    const slow = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      return "done";
    };
    const alpha = countingTool("alpha", slow);
    const beta = countingTool("beta", slow);
    const session = await newSession([alpha.declaration, beta.declaration]);
    const runner = startRunner(session.id, { tools: [alpha, beta], concurrency: 1 });
    await client.messages.create(session.id, "Use alpha and beta together.");
    const events = await eventsAfterTurns(session.id, 1);
    await runner.stop();
    expect(most).toBe(1);
    expect(completedCalls(events)).toHaveLength(2);
  });

  it("a runner stopped mid-call sends nothing; a restarted runner finds the call and answers it", async () => {
    let firstSignal: AbortSignal | undefined;
    const stuck = countingTool("crunch", (_args, context) => {
      firstSignal = context.signal;
      return new Promise(() => undefined); // never settles by itself
    });
    const session = await newSession([stuck.declaration]);
    const first = startRunner(session.id, { tools: [stuck] });
    await client.messages.create(session.id, "Please crunch the numbers.");
    await until(() => stuck.runs.length === 1, 5_000, "the first run");
    await first.stop();
    expect(firstSignal?.aborted).toBe(true);
    expect(first.reports).toEqual([]);

    const fresh = countingTool("crunch", () => "42");
    const second = startRunner(session.id, { tools: [fresh] });
    const events = await eventsAfterTurns(session.id, 1);
    await second.stop();
    expect(fresh.runs).toEqual(stuck.runs);
    expect(completedCalls(events)).toEqual(stuck.runs);
    expect(finalTexts(events).join("")).toContain("42");
  });

  it("a restarted runner never runs a call that was already answered", async () => {
    const first = countingTool("lookup", () => "first answer");
    const session = await newSession([first.declaration]);
    const runner = startRunner(session.id, { tools: [first] });
    await client.messages.create(session.id, "Use lookup once.");
    await eventsAfterTurns(session.id, 1);
    await runner.stop();

    const later = countingTool("lookup", () => "second answer");
    const restarted = startRunner(session.id, { tools: [later] });
    await restarted.live();
    await client.messages.create(session.id, "Use lookup again.");
    const events = await eventsAfterTurns(session.id, 2);
    await restarted.stop();
    expect(first.runs).toHaveLength(1);
    expect(later.runs).toHaveLength(1);
    expect(later.runs).not.toContain(first.runs[0]);
    expect(completedCalls(events)).toEqual([...first.runs, ...later.runs]);
  });

  it("two runners on one session: every call gets exactly one accepted answer", async () => {
    const a = countingTool("lookup", () => "from a");
    const b = countingTool("lookup", () => "from b");
    const session = await newSession([a.declaration]);
    const runnerA = startRunner(session.id, { tools: [a] });
    const runnerB = startRunner(session.id, { tools: [b] });
    await Promise.all([runnerA.live(), runnerB.live()]);
    for (const n of [1, 2, 3]) await client.messages.create(session.id, `Use lookup, try ${n}`);
    const events = await eventsAfterTurns(session.id, 3);
    const requested = requestedCalls(events);
    // Both runners report every call they ran once its delivery is known.
    await until(
      () => runnerA.reports.length + runnerB.reports.length >= a.runs.length + b.runs.length,
      10_000,
      "both runners' reports",
    );
    await Promise.all([runnerA.stop(), runnerB.stop()]);
    expect(completedCalls(events).sort()).toEqual([...requested].sort());
    const accepted = [...runnerA.reports, ...runnerB.reports].filter(
      (r) => r.delivery === "accepted",
    );
    expect(accepted.map((r) => r.call.id).sort()).toEqual([...requested].sort());
    const others = [...runnerA.reports, ...runnerB.reports].filter(
      (r) => r.delivery !== "accepted",
    );
    expect(others.every((r) => r.delivery === "already_answered")).toBe(true);
  });

  it("answers a call that outlives timeoutMs with a time-out error and aborts its signal", async () => {
    let signal: AbortSignal | undefined;
    const slow = countingTool("render", (_args, context) => {
      signal = context.signal;
      return new Promise(() => undefined);
    });
    const session = await newSession([slow.declaration]);
    const runner = startRunner(session.id, { tools: [slow], timeoutMs: 150 });
    await client.messages.create(session.id, "Please render it.");
    const events = await eventsAfterTurns(session.id, 1);
    await runner.stop();
    expect(signal?.aborted).toBe(true);
    expect(runner.reports[0]).toMatchObject({ outcome: "timed_out", delivery: "accepted" });
    const completed = events.find((e) => e.type === "tool.completed");
    expect(completed?.type === "tool.completed" && completed.data.error).toBe(
      'Tool "render" timed out after 150 ms',
    );
  });

  it("sends invalid arguments back to the model as an error, without running the tool", async () => {
    // The session declares `days` as a string, the runner's schema wants a number.
    const forecast = defineTool({
      name: "forecast",
      description: "Forecast",
      parameters: objectSchema({ days: "number" }),
      jsonSchema: { type: "object", properties: { days: { type: "number" } }, required: ["days"] },
      run: () => {
        throw new Error("must not run");
      },
    });
    const session = await newSession([
      {
        type: "client_side",
        name: "forecast",
        description: "Forecast",
        parameters: {
          type: "object",
          properties: { days: { type: "string" } },
          required: ["days"],
        },
      },
    ]);
    const runner = startRunner(session.id, { tools: [forecast] });
    await client.messages.create(session.id, "Use forecast please");
    const events = await eventsAfterTurns(session.id, 1);
    await runner.stop();
    expect(runner.reports[0]).toMatchObject({
      outcome: "invalid_arguments",
      error: 'Invalid arguments for "forecast": $.days: expected number',
    });
    expect(finalTexts(events).join("")).toContain("expected number");
  });

  it("sends a thrown error, and a call to a tool it does not serve, as errors", async () => {
    const broken = countingTool("broken", () => {
      throw new Error("database offline");
    });
    const session = await newSession([
      broken.declaration,
      { type: "client_side", name: "elsewhere", description: "x", parameters: { type: "object" } },
    ]);
    const runner = startRunner(session.id, { tools: [broken] });
    await client.messages.create(session.id, "Use broken and elsewhere.");
    const events = await eventsAfterTurns(session.id, 1);
    await runner.stop();
    const errors = events.flatMap((e) => (e.type === "tool.completed" ? [e.data.error] : []));
    expect(errors.sort()).toEqual(['No tool named "elsewhere" is served here', "database offline"]);
    expect(runner.reports.map((r) => r.outcome).sort()).toEqual(["failed", "unknown_tool"]);
  });

  it("rejects with NotFoundError for a session that does not exist", async () => {
    await expect(
      serveTools(client, "session_0196831a20837ddbb05fd8f6d0c8ffff", { tools: [] }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a bad concurrency, a bad time-out and two tools of one name", () => {
    const tool = countingTool("x");
    expect(() => serveTools(client, "s", { tools: [], concurrency: 0 })).rejects.toThrow(
      /concurrency/,
    );
    expect(() => serveTools(client, "s", { tools: [], timeoutMs: -1 })).rejects.toThrow(
      /timeoutMs/,
    );
    return expect(serveTools(client, "s", { tools: [tool, tool] })).rejects.toThrow(/Two tools/);
  });
});
