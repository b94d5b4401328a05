import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  createSession,
  sendMessage,
  startTestServer,
  waitForTurnEnds,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

const envelope = {
  id: "event_0190a0b0c0d07000800000000000aaaa",
  ts: "2026-01-01T00:00:00.000Z",
  session_id: "session_0190a0b0c0d07000800000000000bbbb",
  sequence: 7,
  context: {},
};

const agentMessage = {
  id: "message_0190a0b0c0d07000800000000000cccc",
  role: "agent",
  content: [],
  created_at: "2026-01-01T00:00:00.000Z",
};

describe("message phase", () => {
  it("the dev server sends the wire form: final_answer on the reply that ends a turn", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "hello");
    await waitForTurnEnds(api, sessionId);
    const messages = (await api.get(`/v1/sessions/${sessionId}/messages`)).json.data;
    const agent = messages.filter((m: { role: string }) => m.role === "agent");
    expect(agent.map((m: { phase: string }) => m.phase)).toEqual(["final_answer"]);
  });

  it("and commentary on the agent message that carries tool calls", async () => {
    const agent = (
      await api.post("/v1/agents", {
        name: "phase-clock",
        system_prompt: "Tell the time.",
        capabilities: [{ ref: "current_time" }],
      })
    ).json;
    const sessionId = await createSession(api, { agent_id: agent.id });
    await sendMessage(api, sessionId, "What time is it?");
    await waitForTurnEnds(api, sessionId);
    const messages = (await api.get(`/v1/sessions/${sessionId}/messages`)).json.data;
    const phases = messages
      .filter((m: { role: string }) => m.role === "agent")
      .map((m: { phase: string }) => m.phase);
    expect(phases).toEqual(["commentary", "final_answer"]);
  });

  it("the spec accepts the wire values, the legacy ones and a value it has never seen", () => {
    for (const phase of ["commentary", "final_answer", "in_progress", "completed", "later_phase"]) {
      expect(() => assertMatchesSchema("Message", { ...agentMessage, phase })).not.toThrow();
    }
    expect(() => assertMatchesSchema("Message", { ...agentMessage, phase: 3 })).toThrow();
  });
});

describe("open string sets", () => {
  it("a tool.completed status from a newer server still validates", () => {
    const event = {
      ...envelope,
      type: "tool.completed",
      data: { tool_call_id: "c1", tool_name: "t", success: false, status: "deferred_by_policy" },
    };
    expect(() => assertMatchesSchema("SessionEvent", event)).not.toThrow();
    expect(() =>
      assertMatchesSchema("SessionEvent", { ...event, data: { ...event.data, status: 5 } }),
    ).toThrow();
  });
});

describe("llm.generation detail", () => {
  const generation = {
    ...envelope,
    type: "llm.generation",
    data: {
      messages: [],
      output: { text: "hi", tool_calls: [] },
      tools: [{ name: "current_time", description: "Reads the clock", category: "time" }],
      metadata: {
        model: "m",
        success: true,
        response_id: "resp_1",
        finish_reasons: ["stop"],
        request_options: {
          metadata: { purpose: "test" },
          provider_options: { temperature: 0 },
          prompt_cache: { enabled: true, strategy: "auto" },
          tool_search: null,
        },
        retry: { attempts: 2, total_wait_ms: 150 },
        compaction: { compacted: true, input_tokens_before: 9000, input_tokens_after: 3000 },
      },
    },
  };

  it("validates with finish_reasons, response_id, request_options, retry, compaction and tools", () => {
    expect(() => assertMatchesSchema("SessionEvent", generation)).not.toThrow();
  });

  it("refuses a retry without attempts and a tool summary without a name", () => {
    const badRetry = structuredClone(generation);
    badRetry.data.metadata.retry = { total_wait_ms: 1 } as never;
    expect(() => assertMatchesSchema("LlmGenerationData", badRetry.data)).toThrow();
    const badTool = structuredClone(generation);
    badTool.data.tools = [{ description: "no name" }] as never;
    expect(() => assertMatchesSchema("LlmGenerationData", badTool.data)).toThrow();
  });
});
