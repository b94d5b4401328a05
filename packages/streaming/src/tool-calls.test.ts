import { Everruns, type SessionEventOf } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_ID, TURN_ID } from "./test-support/events.js";
import { json, type SseTestServer, startSseServer } from "./test-support/sse-server.js";
import { answerToolCalls } from "./tool-calls.js";

let server: SseTestServer;
let client: Everruns;

beforeAll(async () => {
  server = await startSseServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "dev", maxRetries: 0 });
});
afterAll(() => server.close());

const requested = (
  calls: { id: string; name: string; arguments: Record<string, unknown> }[],
): SessionEventOf<"tool.call_requested"> => ({
  id: "event_0196831a20837ddbb05fd8f6d0c8f100",
  type: "tool.call_requested",
  ts: "2026-11-23T10:00:00Z",
  session_id: SESSION_ID,
  context: { turn_id: TURN_ID },
  data: { tool_calls: calls as SessionEventOf<"tool.call_requested">["data"]["tool_calls"] },
});

describe("answerToolCalls", () => {
  it("submits one result per call: values as result, thrown errors and missing handlers as error", async () => {
    server.play(json(200, { accepted: 4, status: "active" }));
    const seen: unknown[] = [];
    await answerToolCalls(
      client,
      SESSION_ID,
      requested([
        { id: "call_1", name: "add", arguments: { a: 2, b: 3 } },
        { id: "call_2", name: "explode", arguments: {} },
        { id: "call_3", name: "unknown_tool", arguments: {} },
        { id: "call_4", name: "nothing", arguments: {} },
      ]),
      {
        add: async (args, call) => {
          seen.push(call.id);
          return (args.a as number) + (args.b as number);
        },
        explode: () => {
          throw new Error("disk full");
        },
        nothing: () => undefined,
      },
    );
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(`/v1/sessions/${SESSION_ID}/tool-results`);
    expect(JSON.parse(request?.body ?? "")).toEqual({
      tool_results: [
        { tool_call_id: "call_1", result: 5 },
        { tool_call_id: "call_2", error: "disk full" },
        { tool_call_id: "call_3", error: 'No handler for the tool "unknown_tool"' },
        { tool_call_id: "call_4", result: null },
      ],
    });
    expect(seen).toEqual(["call_1"]);
  });

  it("does not look up handlers on the object's prototype", async () => {
    server.requests.length = 0;
    server.play(json(200, { accepted: 1, status: "active" }));
    await answerToolCalls(
      client,
      SESSION_ID,
      requested([{ id: "c", name: "toString", arguments: {} }]),
      {},
    );
    expect(JSON.parse(server.requests[0]?.body ?? "").tool_results[0].error).toMatch(/No handler/);
  });
});
