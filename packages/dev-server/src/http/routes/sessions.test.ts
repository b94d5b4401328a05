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

describe("sessions", () => {
  it("creates a session on the generic harness by default (201, status started)", async () => {
    const response = await api.post("/v1/sessions", { title: "Plain" });
    expect(response.status).toBe(201);
    assertMatchesSchema("Session", response.json);
    const generic = (await api.get("/v1/harnesses/generic")).json;
    expect(response.json).toMatchObject({
      title: "Plain",
      status: "started",
      harness_id: generic.id,
      agent_id: null,
    });
    expect(response.json.id).toMatch(/^session_[0-9a-f]{32}$/);
  });

  it("resolves the agent by id or name and takes the agent's harness", async () => {
    const agent = (
      await api.post("/v1/agents", {
        name: "sess-agent",
        system_prompt: "x",
        harness_name: "generic",
      })
    ).json;
    const byId = (await api.post("/v1/sessions", { agent_id: agent.id })).json;
    const byName = (await api.post("/v1/sessions", { agent_name: "sess-agent" })).json;
    expect(byId.agent_id).toBe(agent.id);
    expect(byName.agent_id).toBe(agent.id);
    expect(byId.harness_id).toBe(agent.harness_id);
    expect((await api.get(`/v1/agents/${agent.id}`)).json.session_count).toBe(2);
  });

  it("refuses unknown agents (404), unknown harnesses (404) and conflicting fields (400)", async () => {
    const unknownAgent = await api.post("/v1/sessions", {
      agent_id: "agent_0190a0a0a0a07000800000000000dead",
    });
    expect(unknownAgent.status).toBe(404);
    expect(unknownAgent.json.code).toBe("agent_not_found");
    expect((await api.post("/v1/sessions", { agent_name: "nobody" })).json.code).toBe(
      "agent_not_found",
    );
    expect((await api.post("/v1/sessions", { harness_name: "fancy" })).json.code).toBe(
      "harness_not_found",
    );
    const both = await api.post("/v1/sessions", {
      agent_id: "agent_0190a0a0a0a07000800000000000dead",
      agent_name: "x",
    });
    expect(both.status).toBe(400);
    expect(both.json.code).toBe("conflicting_fields");
    expect((await api.post("/v1/sessions", { agent_id: "not-an-agent-id" })).status).toBe(400);
  });

  it("lists sessions newest first, filtered by agent_id and search", async () => {
    const agent = (await api.post("/v1/agents", { name: "lister", system_prompt: "x" })).json;
    await createSession(api, { agent_id: agent.id, title: "first notebook" });
    await createSession(api, { agent_id: agent.id, title: "second notebook" });
    const page = (await api.get(`/v1/sessions?agent_id=${agent.id}`)).json;
    assertMatchesSchema("SessionPage", page);
    expect(page.data.map((s: { title: string }) => s.title)).toEqual([
      "second notebook",
      "first notebook",
    ]);
    expect((await api.get("/v1/sessions?search=FIRST%20note")).json.data).toHaveLength(1);
  });

  it("updates title, locale and tags with PATCH", async () => {
    const sessionId = await createSession(api, { title: "old" });
    const response = await api.patch(`/v1/sessions/${sessionId}`, { title: "new", tags: ["x"] });
    expect(response.json).toMatchObject({ title: "new", tags: ["x"] });
    expect((await api.get(`/v1/sessions/${sessionId}`)).json.title).toBe("new");
  });

  it("deletes a session with its messages and events (204, then 404)", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "hi");
    await waitForTurnEnds(api, sessionId);
    expect((await api.delete(`/v1/sessions/${sessionId}`)).status).toBe(204);
    expect((await api.get(`/v1/sessions/${sessionId}`)).status).toBe(404);
    expect((await api.get(`/v1/sessions/${sessionId}/events`)).json.code).toBe("session_not_found");
    expect((await api.delete(`/v1/sessions/${sessionId}`)).status).toBe(404);
  });

  it("deletes a session in the middle of a turn without writing more events", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "[simulate:slow]");
    expect((await api.delete(`/v1/sessions/${sessionId}`)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await api.get(`/v1/sessions/${sessionId}/messages`)).status).toBe(404);
  });

  it("answers messages for unknown sessions with 404", async () => {
    const response = await api.post(
      "/v1/sessions/session_0190a0a0a0a07000800000000000dead/messages",
      {
        message: { content: [{ type: "text", text: "hi" }] },
      },
    );
    expect(response.status).toBe(404);
    expect(response.json.code).toBe("session_not_found");
  });

  it("returns the stored message (201) with id, role and sequence", async () => {
    const sessionId = await createSession(api);
    const response = await api.post(`/v1/sessions/${sessionId}/messages`, {
      message: { role: "user", content: [{ type: "text", text: "hi" }] },
      metadata: { source: "test" },
    });
    expect(response.status).toBe(201);
    assertMatchesSchema("Message", response.json);
    expect(response.json).toMatchObject({
      role: "user",
      session_id: sessionId,
      sequence: 1,
      metadata: { source: "test" },
    });
    expect(response.json.id).toMatch(/^message_[0-9a-f]{32}$/);
  });
});

describe("catalog", () => {
  it("lists the built-in generic harness and gets it by id, name or default", async () => {
    const list = (await api.get("/v1/harnesses")).json;
    assertMatchesSchema("HarnessList", list);
    expect(list.data.map((h: { name: string }) => h.name)).toEqual(["generic"]);
    const id = list.data[0].id;
    for (const ref of [id, "generic", "default"])
      expect((await api.get(`/v1/harnesses/${ref}`)).json.id).toBe(id);
  });

  it("lists the simulated model and gets it", async () => {
    const list = (await api.get("/v1/models")).json;
    assertMatchesSchema("ModelList", list);
    expect(list.data[0]).toMatchObject({ model_id: "simulated", model_vendor: "llmsim" });
    expect((await api.get(`/v1/models/${list.data[0].id}`)).status).toBe(200);
  });

  it("lists the built-in current_time capability and gets it", async () => {
    const page = (await api.get("/v1/capabilities")).json;
    assertMatchesSchema("CapabilityPage", page);
    expect(page).toMatchObject({ total: 1, offset: 0, limit: 20 });
    const capability = (await api.get("/v1/capabilities/current_time")).json;
    assertMatchesSchema("Capability", capability);
    expect(capability.id).toBe("current_time");
    expect((await api.get("/v1/capabilities?search=weather")).json.total).toBe(0);
  });
});
