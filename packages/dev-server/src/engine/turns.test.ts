import type { SessionEvent } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  countOf,
  createSession,
  sendMessage,
  startTestServer,
  waitForEvents,
  waitForTurnEnds,
} from "../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

// biome-ignore lint/suspicious/noExplicitAny: event data is inspected loosely in assertions
const dataOf = (event: SessionEvent | undefined): any =>
  (event as { data: unknown } | undefined)?.data;
const withoutDeltas = (events: SessionEvent[]) =>
  events.map((event) => event.type).filter((type) => !type.endsWith(".delta"));

describe("a turn", () => {
  it("emits input.message, turn.started, output.message.started/delta/completed, turn.completed in order", async () => {
    const sessionId = await createSession(api, { system_prompt: "You are a pirate." });
    const input = await sendMessage(api, sessionId, "Where is the treasure?");
    const events = await waitForTurnEnds(api, sessionId);

    expect(withoutDeltas(events)).toEqual([
      "session.started",
      "input.message",
      "turn.started",
      "output.message.started",
      "output.message.completed",
      "turn.completed",
    ]);
    expect(countOf(events, "output.message.delta")).toBeGreaterThan(5);
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, i) => i + 1));
    const ids = events.map((event) => event.id);
    expect([...ids].sort()).toEqual(ids);
    for (const event of events.slice(1)) {
      assertMatchesSchema("SessionEvent", event);
      expect(event.id).toMatch(/^event_[0-9a-f]{32}$/);
      expect(new Date(event.ts).toISOString()).toBe(event.ts);
      expect(event.context.input_message_id).toBe(input.id);
      expect(event.context.turn_id).toMatch(/^turn_[0-9a-f]{32}$/);
    }
  });

  it("streams deltas whose accumulated text builds the final message, with usage and duration", async () => {
    const sessionId = await createSession(api, { system_prompt: "Answer in haiku." });
    await sendMessage(api, sessionId, "What is the sea?");
    const events = await waitForTurnEnds(api, sessionId);
    const deltas = events.filter((event) => event.type === "output.message.delta").map(dataOf);
    let text = "";
    for (const delta of deltas) {
      text += delta.delta;
      expect(delta.accumulated).toBe(text);
    }
    const completed = dataOf(events.find((event) => event.type === "output.message.completed"));
    expect(completed.message.content).toEqual([{ type: "text", text }]);
    expect(completed.message.role).toBe("agent");
    expect(completed.usage.output_tokens).toBeGreaterThan(0);
    const turn = dataOf(events.find((event) => event.type === "turn.completed"));
    expect(turn).toMatchObject({ iterations: 1, final_message_id: completed.message.id });
    expect(turn.duration_ms).toBeGreaterThanOrEqual(0);
    expect(turn.usage.input_tokens).toBeGreaterThan(0);
  });

  it("answers honestly as a simulation, reflecting the system prompt and the question", async () => {
    const sessionId = await createSession(api, { system_prompt: "You are a pirate." });
    await sendMessage(api, sessionId, "Where is the treasure?");
    const events = await waitForTurnEnds(api, sessionId);
    const text = dataOf(events.find((event) => event.type === "output.message.completed")).message
      .content[0].text;
    expect(text).toMatch(/simulated model/);
    expect(text).toContain("You are a pirate.");
    expect(text).toContain("Where is the treasure?");
    expect(text.startsWith("- ")).toBe(true);
  });

  it("stores the user message and the reply, and returns the session to idle", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "Hello");
    await waitForTurnEnds(api, sessionId);
    const messages = (await api.get(`/v1/sessions/${sessionId}/messages`)).json;
    assertMatchesSchema("MessageList", messages);
    expect(messages.data.map((m: { role: string }) => m.role)).toEqual(["user", "agent"]);
    expect(messages.data.map((m: { sequence: number }) => m.sequence)).toEqual([1, 2]);
    const session = (await api.get(`/v1/sessions/${sessionId}`)).json;
    expect(session.status).toBe("idle");
    expect(session.preview).toBe("Hello");
    expect(session.usage.output_tokens).toBeGreaterThan(0);
  });

  it("answers messages sent during a turn in order, one turn each", async () => {
    const sessionId = await createSession(api);
    const first = await sendMessage(api, sessionId, "first");
    const second = await sendMessage(api, sessionId, "second");
    const third = await sendMessage(api, sessionId, "third");
    const events = await waitForTurnEnds(api, sessionId, 3);
    const started = events.filter((event) => event.type === "turn.started").map(dataOf);
    expect(started.map((data) => data.input_message_id)).toEqual([first.id, second.id, third.id]);
    const replies = events
      .filter((event) => event.type === "output.message.completed")
      .map((event) => dataOf(event).message.content[0].text as string);
    expect(replies[0]).toContain('"first"');
    expect(replies[1]).toContain('"second"');
    expect(replies[2]).toContain('"third"');
    // Turns never interleave: each turn's events sit between its turn.started and its end.
    const turnOf = events
      .filter((e) => e.type !== "input.message" && e.type !== "session.started")
      .map((e) => e.context.turn_id);
    expect(turnOf).toEqual([...turnOf].sort((a, b) => String(a).localeCompare(String(b))));
  });

  it("ends with turn.failed (model_error) on [simulate:fail] and stays usable", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "please [simulate:fail]");
    const events = await waitForTurnEnds(api, sessionId);
    const failed = events.find((event) => event.type === "turn.failed");
    expect(dataOf(failed)).toMatchObject({ error_code: "model_error" });
    expect(dataOf(failed).error).toMatch(/failed on purpose/);
    await sendMessage(api, sessionId, "again");
    expect(countOf(await waitForTurnEnds(api, sessionId, 2), "turn.completed")).toBe(1);
  });

  it("streams thinking before the output on [simulate:think]", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "[simulate:think] why?");
    const events = await waitForTurnEnds(api, sessionId);
    expect(withoutDeltas(events).slice(0, 6)).toEqual([
      "session.started",
      "input.message",
      "turn.started",
      "reason.thinking.started",
      "reason.thinking.completed",
      "output.message.started",
    ]);
    expect(countOf(events, "reason.thinking.delta")).toBeGreaterThan(2);
  });

  it("streams a long markdown reply on [simulate:long]", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "[simulate:long]");
    const events = await waitForTurnEnds(api, sessionId);
    const text: string = dataOf(events.find((event) => event.type === "output.message.completed"))
      .message.content[0].text;
    expect(text.split(/\s+/).length).toBeGreaterThan(1500);
    expect(text).toMatch(/^## /m);
    expect(text).toContain("```ts");
    expect(countOf(events, "output.message.delta")).toBeGreaterThan(300);
  });
});

describe("cancel", () => {
  it("ends the running turn with turn.cancelled and idles the session", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "[simulate:slow] take your time");
    await waitForEvents(api, sessionId, (events) => countOf(events, "output.message.delta") >= 1);
    const response = await api.post(`/v1/sessions/${sessionId}/cancel`);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ status: "cancelled" });
    assertMatchesSchema("CancelTurnResponse", response.json);
    const events = (await api.get(`/v1/sessions/${sessionId}/events`)).json.data as SessionEvent[];
    expect(events.at(-1)?.type).toBe("turn.cancelled");
    expect(countOf(events, "output.message.delta")).toBeLessThan(40);
    expect((await api.get(`/v1/sessions/${sessionId}`)).json.status).toBe("idle");
  });

  it("is a no_op when no turn runs", async () => {
    const sessionId = await createSession(api);
    const response = await api.post(`/v1/sessions/${sessionId}/cancel`);
    expect(response.json).toMatchObject({ status: "no_op" });
  });

  it("lets the next queued message run after a cancel", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "[simulate:slow]");
    await sendMessage(api, sessionId, "next one");
    await waitForEvents(api, sessionId, (events) => countOf(events, "turn.started") >= 1);
    await api.post(`/v1/sessions/${sessionId}/cancel`);
    const events = await waitForTurnEnds(api, sessionId, 2);
    expect(
      events
        .filter((e) => e.type.startsWith("turn.") && e.type !== "turn.started")
        .map((e) => e.type),
    ).toEqual(["turn.cancelled", "turn.completed"]);
  });
});

describe("tools", () => {
  it("calls current_time server-side when the capability is on and the message asks the time", async () => {
    const agent = (
      await api.post("/v1/agents", {
        name: "clock-agent",
        system_prompt: "Tell the time.",
        capabilities: [{ ref: "current_time" }],
      })
    ).json;
    const sessionId = await createSession(api, { agent_id: agent.id });
    await sendMessage(api, sessionId, "What time is it?");
    const events = await waitForTurnEnds(api, sessionId);
    expect(withoutDeltas(events)).toEqual([
      "session.started",
      "input.message",
      "turn.started",
      "tool.started",
      "tool.progress",
      "tool.completed",
      "output.message.started",
      "output.message.completed",
      "turn.completed",
    ]);
    const completed = dataOf(events.find((event) => event.type === "tool.completed"));
    expect(completed).toMatchObject({
      tool_name: "current_time",
      success: true,
      status: "success",
    });
    const time = completed.result[0].text as string;
    expect(new Date(time).toISOString()).toBe(time);
    const reply = dataOf(events.find((event) => event.type === "output.message.completed")).message
      .content[0].text;
    expect(reply).toContain(time);
    expect(dataOf(events.at(-1))).toMatchObject({ iterations: 2, tool_call_count: 1 });
  });

  it("does not call current_time without the capability", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "What time is it?");
    expect(countOf(await waitForTurnEnds(api, sessionId), "tool.started")).toBe(0);
  });

  it("requests a declared client-side tool, waits, and uses the submitted result", async () => {
    const sessionId = await createSession(api, {
      tools: [
        {
          type: "client_side",
          name: "get_weather",
          description: "Weather for a city",
          parameters: {
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
          },
        },
      ],
    });
    await sendMessage(api, sessionId, "Use get_weather for Paris");
    const waiting = await waitForEvents(
      api,
      sessionId,
      (events) => countOf(events, "tool.call_requested") === 1,
    );
    const requested = dataOf(waiting.find((event) => event.type === "tool.call_requested"));
    expect(requested.tool_calls).toHaveLength(1);
    const call = requested.tool_calls[0];
    expect(call).toMatchObject({ name: "get_weather", arguments: { city: expect.any(String) } });
    expect((await api.get(`/v1/sessions/${sessionId}`)).json.status).toBe(
      "waiting_for_tool_results",
    );

    const unknown = await api.post(`/v1/sessions/${sessionId}/tool-results`, {
      tool_results: [{ tool_call_id: "call_nope", result: 1 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.code).toBe("unknown_tool_call");

    const submitted = await api.post(`/v1/sessions/${sessionId}/tool-results`, {
      tool_results: [{ tool_call_id: call.id, result: { temperature_c: 21 } }],
    });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ accepted: 1, status: "resumed" });
    assertMatchesSchema("SubmitToolResultsResponse", submitted.json);

    const events = await waitForTurnEnds(api, sessionId);
    const reply = dataOf(events.find((event) => event.type === "output.message.completed")).message
      .content[0].text;
    expect(reply).toContain("get_weather");
    expect(reply).toContain("temperature_c");
    expect(dataOf(events.find((event) => event.type === "tool.completed"))).toMatchObject({
      tool_call_id: call.id,
      tool_name: "get_weather",
      success: true,
    });
    expect((await api.get(`/v1/sessions/${sessionId}`)).json.status).toBe("idle");
    const roles = (await api.get(`/v1/sessions/${sessionId}/messages`)).json.data.map(
      (m: { role: string }) => m.role,
    );
    expect(roles).toEqual(["user", "agent", "tool_result", "agent"]);
  });

  it("reports a tool error given by the client in the reply", async () => {
    const sessionId = await createSession(api, {
      tools: [
        {
          type: "client_side",
          name: "lookup",
          description: "Looks up",
          parameters: { type: "object" },
        },
      ],
    });
    await sendMessage(api, sessionId, "please lookup something");
    const waiting = await waitForEvents(
      api,
      sessionId,
      (events) => countOf(events, "tool.call_requested") === 1,
    );
    const call = dataOf(waiting.find((event) => event.type === "tool.call_requested"))
      .tool_calls[0];
    await api.post(`/v1/sessions/${sessionId}/tool-results`, {
      tool_results: [{ tool_call_id: call.id, error: "offline" }],
    });
    const events = await waitForTurnEnds(api, sessionId);
    expect(dataOf(events.find((event) => event.type === "tool.completed"))).toMatchObject({
      success: false,
      status: "error",
      error: "offline",
    });
  });

  it("answers 409 turn_not_waiting to tool results when no turn waits", async () => {
    const sessionId = await createSession(api);
    const response = await api.post(`/v1/sessions/${sessionId}/tool-results`, {
      tool_results: [{ tool_call_id: "call_x", result: "late" }],
    });
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.json.code).toBe("turn_not_waiting");
  });

  it("cancels a turn that waits for tool results", async () => {
    const sessionId = await createSession(api, {
      tools: [{ type: "client_side", name: "approve", description: "Asks", parameters: {} }],
    });
    await sendMessage(api, sessionId, "approve this");
    await waitForEvents(api, sessionId, (events) => countOf(events, "tool.call_requested") === 1);
    expect((await api.post(`/v1/sessions/${sessionId}/cancel`)).json.status).toBe("cancelled");
    const events = (await api.get(`/v1/sessions/${sessionId}/events`)).json.data as SessionEvent[];
    expect(events.at(-1)?.type).toBe("turn.cancelled");
    const late = await api.post(`/v1/sessions/${sessionId}/tool-results`, { tool_results: [] });
    expect(late.status).toBe(409);
  });
});
