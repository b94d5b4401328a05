import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Everruns } from "../client.js";
import {
  AGENT_ID,
  agent,
  agentWithCounts,
  capability,
  harness,
  message,
  model,
  SESSION_ID,
  session,
} from "../test-support/fixtures.js";
import {
  json,
  type RecordingServer,
  startRecordingServer,
  text,
} from "../test-support/recording-server.js";

let server: RecordingServer;
let client: Everruns;

beforeAll(async () => {
  server = await startRecordingServer();
  client = new Everruns({
    baseUrl: `${server.url}/`,
    apiKey: "evr_pat_wire_test_token",
    orgId: "org_1",
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const page = (data: unknown[]) => ({ data, total: data.length, offset: 0, limit: 20 });

function lastRequest() {
  const request = server.requests.at(-1);
  if (!request) throw new Error("no request reached the server");
  const isJson = String(request.headers["content-type"] ?? "").includes("json");
  return { ...request, json: isJson && request.body ? JSON.parse(request.body) : undefined };
}

describe("every request", () => {
  it("carries the raw token, the org, and the SDK's client headers", async () => {
    server.respondWith(json(200, agentWithCounts));
    await client.agents.get(AGENT_ID);
    const { headers } = lastRequest();
    expect(headers.authorization).toBe("evr_pat_wire_test_token");
    expect(headers["x-org-id"]).toBe("org_1");
    expect(headers["x-everruns-client"]).toMatch(/^everruns-ts\/\d+\.\d+\.\d+/);
    expect(headers["user-agent"]).toMatch(/^everruns-ts\//);
  });

  it("joins the base URL and /v1 with one slash whatever the trailing slashes", async () => {
    server.respondWith(json(200, page([])));
    await new Everruns({ baseUrl: `${server.url}///`, apiKey: "k" }).agents.list();
    await new Everruns({ baseUrl: `${server.url}/v1/`, apiKey: "k" }).agents.list();
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/agents", "/v1/agents"]);
  });

  it("adds per-call headers without letting them replace the credentials", async () => {
    server.respondWith(json(200, agentWithCounts));
    await client.agents.get(AGENT_ID, { headers: { "X-Trace": "abc", Authorization: "other" } });
    expect(lastRequest().headers["x-trace"]).toBe("abc");
    expect(lastRequest().headers.authorization).toBe("evr_pat_wire_test_token");
  });
});

describe("agents", () => {
  it("create POSTs the body to /v1/agents", async () => {
    server.respondWith(json(201, agent));
    const created = await client.agents.create({ name: "demo-agent", system_prompt: "Be brief." });
    expect(created.id).toBe(AGENT_ID);
    const request = lastRequest();
    expect([request.method, request.path]).toEqual(["POST", "/v1/agents"]);
    expect(request.headers["content-type"]).toContain("application/json");
    expect(request.json).toEqual({ name: "demo-agent", system_prompt: "Be brief." });
  });

  it("apply sends the client-chosen id in the body", async () => {
    server.respondWith(json(200, agent));
    await client.agents.apply(AGENT_ID, { name: "demo-agent", system_prompt: "x" });
    expect(lastRequest().json).toEqual({ id: AGENT_ID, name: "demo-agent", system_prompt: "x" });
  });

  it("applyByName POSTs without an id", async () => {
    server.respondWith(json(200, agent));
    await client.agents.applyByName({ name: "demo-agent", system_prompt: "x" });
    expect(lastRequest().json).toEqual({ name: "demo-agent", system_prompt: "x" });
  });

  it("get, update, archive, copy and export use the agent's path", async () => {
    server.respondWith(
      json(200, agentWithCounts),
      json(200, agent),
      (_r, res) => {
        res.writeHead(204).end();
      },
      json(201, agent),
      text(200, "---\nname: demo\n---\nBe brief.\n", "text/markdown"),
    );
    await client.agents.get(AGENT_ID);
    await client.agents.update(AGENT_ID, { display_name: "Demo" });
    await expect(client.agents.archive(AGENT_ID)).resolves.toBeUndefined();
    await client.agents.copy(AGENT_ID);
    const markdown = await client.agents.export(AGENT_ID);
    expect(markdown).toContain("name: demo");
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/agents/${AGENT_ID}`,
      `PATCH /v1/agents/${AGENT_ID}`,
      `DELETE /v1/agents/${AGENT_ID}`,
      `POST /v1/agents/${AGENT_ID}/copy`,
      `GET /v1/agents/${AGENT_ID}/export`,
    ]);
    expect(server.requests[1]?.body).toBe('{"display_name":"Demo"}');
  });

  it("list sends its query and iterates every page", async () => {
    const second = { ...agentWithCounts, id: "agent_0196831a1f9c7a0f8a5c9ab3d7d0f202" };
    server.respondWith(
      json(200, { data: [agentWithCounts], total: 2, offset: 0, limit: 1 }),
      json(200, { data: [second], total: 2, offset: 1, limit: 1 }),
    );
    const first = await client.agents.list({ search: "demo", include_archived: true, limit: 1 });
    expect(first.total).toBe(2);
    expect(first.hasNextPage()).toBe(true);
    const ids = (await first.toArray()).map((a) => a.id);
    expect(ids).toEqual([AGENT_ID, second.id]);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v1/agents?search=demo&include_archived=true&limit=1",
      "/v1/agents?search=demo&include_archived=true&limit=1&offset=1",
    ]);
  });

  it("import sends Markdown as text/plain", async () => {
    server.respondWith(json(201, agent));
    await client.agents.import("---\nname: demo\n---\nBe brief.\n");
    const request = lastRequest();
    expect([request.method, request.path]).toEqual(["POST", "/v1/agents/import"]);
    expect(request.headers["content-type"]).toContain("text/plain");
    expect(request.body).toBe("---\nname: demo\n---\nBe brief.\n");
  });
});

describe("sessions", () => {
  it("create, get, list, update, delete and cancel hit the right routes", async () => {
    server.respondWith(
      json(201, session),
      json(200, session),
      json(200, { data: [session], total: 1, offset: 0, limit: 20 }),
      json(200, session),
      (_r, res) => {
        res.writeHead(204).end();
      },
      json(200, { status: "cancelled", message: "Turn cancelled" }),
    );
    await client.sessions.create({ harness_name: "generic", agent_id: AGENT_ID, title: "Demo" });
    await client.sessions.get(SESSION_ID);
    const list = await client.sessions.list({
      agent_id: AGENT_ID,
      search: "demo",
      offset: 0,
      limit: 5,
    });
    await client.sessions.update(SESSION_ID, { tags: ["a"] });
    await client.sessions.delete(SESSION_ID);
    const cancelled = await client.sessions.cancel(SESSION_ID);
    expect(list.data).toHaveLength(1);
    expect(cancelled.status).toBe("cancelled");
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /v1/sessions",
      `GET /v1/sessions/${SESSION_ID}`,
      `GET /v1/sessions?agent_id=${AGENT_ID}&search=demo&offset=0&limit=5`,
      `PATCH /v1/sessions/${SESSION_ID}`,
      `DELETE /v1/sessions/${SESSION_ID}`,
      `POST /v1/sessions/${SESSION_ID}/cancel`,
    ]);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      harness_name: "generic",
      agent_id: AGENT_ID,
      title: "Demo",
    });
  });

  it("submitToolResults wraps an array in { tool_results }", async () => {
    server.respondWith(json(200, { accepted: 1, status: "active" }));
    await client.sessions.submitToolResults(SESSION_ID, [
      { tool_call_id: "call_1", result: { ok: true } },
    ]);
    const request = lastRequest();
    expect(request.path).toBe(`/v1/sessions/${SESSION_ID}/tool-results`);
    expect(request.json).toEqual({
      tool_results: [{ tool_call_id: "call_1", result: { ok: true } }],
    });
  });
});

describe("messages and events", () => {
  it("messages.create turns a string into one user text part", async () => {
    server.respondWith(json(201, message));
    await client.messages.create(SESSION_ID, "What does Everruns do?");
    const request = lastRequest();
    expect([request.method, request.path]).toEqual(["POST", `/v1/sessions/${SESSION_ID}/messages`]);
    expect(request.json).toEqual({
      message: { role: "user", content: [{ type: "text", text: "What does Everruns do?" }] },
    });
  });

  it("messages.create sends a full body as given", async () => {
    server.respondWith(json(201, message));
    const body = {
      message: { role: "user" as const, content: [{ type: "text" as const, text: "hi" }] },
      metadata: { source: "test" },
      tags: ["t"],
    };
    await client.messages.create(SESSION_ID, body);
    expect(lastRequest().json).toEqual(body);
  });

  it("messages.list returns the session's messages", async () => {
    server.respondWith(json(200, { data: [message] }));
    const list = await client.messages.list(SESSION_ID);
    expect(list.data[0]?.id).toBe(message.id);
    expect(lastRequest().url).toBe(`/v1/sessions/${SESSION_ID}/messages`);
  });

  it("events.list repeats array filters as keys and pages by since_id", async () => {
    const event = (n: number) => ({
      id: `event_0196831a1f9c7a0f8a5c9ab3d7d0f${String(n).padStart(3, "0")}`,
      type: "turn.started",
      ts: "2026-11-23T10:00:00Z",
      session_id: SESSION_ID,
      sequence: n,
      context: {},
      data: { turn_id: "turn_0196831a1f9c7a0f8a5c9ab3d7d0f001", input_message_id: message.id },
    });
    server.respondWith(json(200, { data: [event(1), event(2)] }), json(200, { data: [event(3)] }));
    const first = await client.events.list(SESSION_ID, {
      types: ["turn.started", "turn.completed"],
      exclude: ["output.message.delta"],
      limit: 2,
    });
    const all = await first.toArray();
    expect(all.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(server.requests[0]?.url).toBe(
      `/v1/sessions/${SESSION_ID}/events?types=turn.started&types=turn.completed&exclude=output.message.delta&limit=2`,
    );
    expect(server.requests[1]?.query.get("since_id")).toBe(event(2).id);
  });

  it("events.list sends nothing for empty arrays", async () => {
    server.respondWith(json(200, { data: [] }));
    await client.events.list(SESSION_ID, { types: [], exclude: [] });
    expect(lastRequest().url).toBe(`/v1/sessions/${SESSION_ID}/events`);
  });
});

describe("harnesses, models, capabilities", () => {
  it("list and get each", async () => {
    server.respondWith(
      json(200, { data: [harness] }),
      json(200, harness),
      json(200, { data: [model] }),
      json(200, model),
      json(200, { data: [capability], total: 1, offset: 0, limit: 20 }),
      json(200, capability),
    );
    expect((await client.harnesses.list({ search: "gen" })).data[0]?.name).toBe("generic");
    expect((await client.harnesses.get("generic")).name).toBe("generic");
    expect((await client.models.list()).total).toBe(1);
    expect((await client.models.get(model.id)).model_id).toBe("simulated");
    expect((await client.capabilities.list({ search: "time" })).data[0]?.id).toBe("current_time");
    expect((await client.capabilities.get("current_time")).id).toBe("current_time");
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /v1/harnesses?search=gen",
      "GET /v1/harnesses/generic",
      "GET /v1/models",
      `GET /v1/models/${model.id}`,
      "GET /v1/capabilities?search=time",
      "GET /v1/capabilities/current_time",
    ]);
  });

  it("path parameters are URL-encoded", async () => {
    server.respondWith(json(200, harness));
    await client.harnesses.get("a/../b c");
    expect(lastRequest().url).toBe("/v1/harnesses/a%2F..%2Fb%20c");
  });
});
