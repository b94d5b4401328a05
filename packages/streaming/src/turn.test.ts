import { Everruns, NotFoundError, type Session, type SessionEvent } from "@everruns/core";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerToolCalls } from "./tool-calls.js";
import { defineTool } from "./tools/define-tool.js";
import { startTurn } from "./turn.js";
import { TurnFailedError } from "./turn-errors.js";

let server: DevServer;
let client: Everruns;
let agentId: string;

beforeAll(async () => {
  server = await startDevServer({ port: 0, db: ":memory:", simDelayMs: 0 });
  client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
  const agent = await client.agents.create({
    name: "turn-tests",
    system_prompt: "Answer in bullet points.",
  });
  agentId = agent.id;
});
afterAll(() => server.close());

const newSession = (
  extra: Partial<Parameters<Everruns["sessions"]["create"]>[0]> = {},
): Promise<Session> => client.sessions.create({ agent_id: agentId, ...extra });

describe("startTurn on the dev server", () => {
  it("streams the text of the reply, and finalText() is the whole of it", async () => {
    const session = await newSession();
    const turn = await startTurn(client, session.id, "What does Everruns do?");
    let streamed = "";
    for await (const delta of turn.textStream) streamed += delta;
    const text = await turn.finalText();
    expect(text).toContain("What does Everruns do?");
    expect(streamed).toBe(text);
  });

  it("result() gives the status, turn id, final message, usage and duration", async () => {
    const session = await newSession();
    const turn = await startTurn(client, session.id, "Summarise Everruns.");
    const result = await turn.result();
    expect(result.status).toBe("completed");
    expect(result.turnId).toMatch(/^turn_[0-9a-f]{32}$/);
    expect(result.message?.role).toBe("agent");
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.usage?.output_tokens).toBeGreaterThan(0);
    expect(result.durationMs).toBeTypeOf("number");
    expect(turn.inputMessage.role).toBe("user");
  });

  it("iterating the turn yields its events, from input.message to turn.completed, all of one turn", async () => {
    const session = await newSession();
    const turn = await startTurn(client, session.id, "Hello");
    const events: SessionEvent[] = [];
    for await (const event of turn) events.push(event);
    expect(events[0]?.type).toBe("input.message");
    expect(events.at(-1)?.type).toBe("turn.completed");
    const { turnId } = await turn.result();
    expect(
      events.filter((e) => e.type !== "input.message").every((e) => e.context.turn_id === turnId),
    ).toBe(true);
  });

  it("every consumer sees the whole turn, whenever it starts", async () => {
    const session = await newSession();
    const turn = await startTurn(client, session.id, "Tell me about streaming.");
    const result = await turn.result();
    const late: string[] = [];
    for await (const delta of turn.textStream) late.push(delta);
    const events: SessionEvent[] = [];
    for await (const event of turn) events.push(event);
    expect(late.join("")).toBe(result.text);
    expect(events.at(-1)?.type).toBe("turn.completed");
  });

  it("never mistakes the events of an earlier turn for the new one", async () => {
    const session = await newSession();
    const first = await (
      await startTurn(client, session.id, "First question about apples")
    ).result();
    const second = await startTurn(client, session.id, "Second question about pears");
    const text = await second.finalText();
    const { turnId } = await second.result();
    expect(turnId).not.toBe(first.turnId);
    expect(text).toContain("pears");
    expect(text).not.toContain("apples");
  });

  it("a failed turn rejects result() and finalText() with TurnFailedError", async () => {
    const session = await newSession();
    const turn = await startTurn(client, session.id, "Please [simulate:fail]");
    const error = await turn.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TurnFailedError);
    expect((error as TurnFailedError).errorCode).toBe("model_error");
    expect((error as TurnFailedError).error.length).toBeGreaterThan(0);
    expect((error as TurnFailedError).turnId).toMatch(/^turn_/);
    await expect(turn.finalText()).rejects.toBeInstanceOf(TurnFailedError);
    const types: string[] = [];
    for await (const event of turn) types.push(event.type);
    expect(types.at(-1)).toBe("turn.failed");
  });

  it("cancel() ends a running turn, which resolves with status cancelled", async () => {
    const session = await newSession();
    const turn = await startTurn(client, session.id, "Go slowly [simulate:slow]");
    for await (const _delta of turn.textStream) break;
    await turn.cancel();
    const result = await turn.result();
    expect(result.status).toBe("cancelled");
    expect(result.text.length).toBeGreaterThan(0);
  });

  it("answers client-side tool calls with the given handlers, errors included", async () => {
    const session = await newSession({
      tools: [
        {
          type: "client_side",
          name: "get_weather",
          description: "Current weather in a city",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      ],
    });
    const calls: Record<string, unknown>[] = [];
    const turn = await startTurn(client, session.id, "Use get_weather for Paris, please.", {
      tools: {
        get_weather: (args) => {
          calls.push(args);
          return { forecast: "sunny, 21 °C" };
        },
      },
    });
    const types: string[] = [];
    for await (const event of turn) types.push(event.type);
    const result = await turn.result();
    expect(calls).toHaveLength(1);
    expect(types).toContain("tool.call_requested");
    expect(result.status).toBe("completed");
    expect(result.text).toContain("sunny");
  });

  it("answers with tools made by defineTool, and reports invalid arguments to the model", async () => {
    const seen: number[] = [];
    const countTool = defineTool({
      name: "count_words",
      description: "Counts words",
      parameters: {
        type: "object",
        properties: { limit: { type: "integer" } },
        required: ["limit"],
      },
      run: ({ limit }) => {
        seen.push(Number(limit));
        return { words: 3 };
      },
    });
    const valid = await newSession({ tools: [countTool.declaration] });
    const ok = await startTurn(client, valid.id, "Use count_words here.", { tools: [countTool] });
    expect((await ok.result()).text).toContain('{"words":3}');
    expect(seen).toEqual([1]);

    // Declared to the model with `limit` as a string: the simulated model sends text.
    const mismatched = await newSession({
      tools: [
        {
          ...countTool.declaration,
          parameters: {
            type: "object",
            properties: { limit: { type: "string" } },
            required: ["limit"],
          },
        },
      ],
    });
    const bad = await startTurn(client, mismatched.id, "Use count_words here.", {
      tools: [countTool],
    });
    expect((await bad.result()).text).toContain("expected integer, got string");
    expect(seen).toEqual([1]);
  });

  it("yields only the chosen types, yet still follows the turn to its result", async () => {
    const session = await newSession();
    const turn = await startTurn(client, session.id, "Hello again", {
      stream: { types: ["output.message.delta"] },
    });
    const types = new Set<string>();
    for await (const event of turn) types.add(event.type);
    expect([...types]).toEqual(["output.message.delta"]);
    expect((await turn.result()).status).toBe("completed");
  });

  it("fails before sending anything when the session does not exist", async () => {
    const missing = "session_0196831a20837ddbb05fd8f6d0c8ffff";
    await expect(startTurn(client, missing, "Hello?")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("answerToolCalls", () => {
  it("reports a throwing handler as an error to the model, and the turn goes on", async () => {
    const session = await newSession({
      tools: [
        {
          type: "client_side",
          name: "lookup",
          description: "Looks things up",
          parameters: { type: "object" },
        },
      ],
    });
    const turn = await startTurn(client, session.id, "Call lookup now.");
    for await (const event of turn) {
      if (event.type === "tool.call_requested") {
        await answerToolCalls(client, session.id, event, {
          lookup: () => {
            throw new Error("index offline");
          },
        });
      }
    }
    const result = await turn.result();
    expect(result.status).toBe("completed");
    expect(result.text).toContain("index offline");
  });
});
