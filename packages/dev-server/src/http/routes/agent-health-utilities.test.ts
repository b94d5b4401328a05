import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import { expectRefusals } from "../../test-support/expect-refusals.js";
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

describe("agent health checks", () => {
  it("runs a check, lists it, gets it, and reports whether the agent changed since", async () => {
    const agent = (
      await api.post("/v1/agents", {
        name: "checked",
        system_prompt: "You answer questions about the weather, briefly and politely.",
      })
    ).json;
    const none = await api.get(`/v1/agents/${agent.id}/health-checks/latest`);
    expect(none.json).toEqual({ run: null, config_changed: true });

    const run = await api.post(`/v1/agents/${agent.id}/health-checks`);
    expect(run.status).toBe(200);
    assertMatchesSchema("HealthCheckRun", run.json);
    expect(run.json).toMatchObject({ agent_id: agent.id, status: "completed" });
    expect(run.json.summary).toMatchObject({ total: 4, passed: 4, failed: 0, pass_rate: 1 });

    expect((await api.get(`/v1/agents/${agent.id}/health-checks`)).json).toEqual([run.json]);
    expect((await api.get(`/v1/agents/${agent.id}/health-checks/${run.json.id}`)).json).toEqual(
      run.json,
    );
    const latest = await api.get(`/v1/agents/${agent.id}/health-checks/latest`);
    assertMatchesSchema("LatestHealthCheckRun", latest.json);
    expect(latest.json).toEqual({ run: run.json, config_changed: false });

    await api.patch(`/v1/agents/${agent.id}`, { system_prompt: "" });
    expect((await api.get(`/v1/agents/${agent.id}/health-checks/latest`)).json.config_changed).toBe(
      true,
    );
    const failing = (await api.post(`/v1/agents/${agent.id}/health-checks`)).json;
    expect(failing.summary).toMatchObject({ passed: 3, failed: 1 });
    expect(failing.results.find((r: { passed: boolean }) => !r.passed).name).toBe(
      "has_instructions",
    );
  });

  it("refuses unknown agents and runs", async () => {
    const agent = (await api.post("/v1/agents", { name: "checked-2", system_prompt: "x" })).json;
    await expectRefusals([
      [api.get("/v1/agents/nobody/health-checks"), 404, "agent_not_found"],
      [api.post("/v1/agents/nobody/health-checks"), 404, "agent_not_found"],
      [api.get("/v1/agents/nobody/health-checks/latest"), 404, "agent_not_found"],
      [
        api.get(`/v1/agents/${agent.id}/health-checks/hcrun_nothing`),
        404,
        "health_check_not_found",
      ],
    ]);
  });
});

describe("agent utilities", () => {
  it("routes /v1/agents/analyze, preview, check-name and config before the {agent_id} routes", async () => {
    expect((await api.get("/v1/agents/config")).status).toBe(200);
    expect((await api.get("/v1/agents/check-name?name=x")).status).toBe(200);
    expect((await api.post("/v1/agents/analyze", { system_prompt: "x" })).status).toBe(200);
    expect((await api.post("/v1/agents/preview", { system_prompt: "x" })).status).toBe(200);
    // `analyze` is also a valid agent name: a GET reads it as one.
    expect((await api.get("/v1/agents/analyze")).json.code).toBe("agent_not_found");
  });

  it("analyzes a draft with the built-in rules, never quoting a secret", async () => {
    const secret = "sk-abcdefghijklmnopqrstuvwx";
    const response = await api.post("/v1/agents/analyze", {
      system_prompt: `Use the key ${secret}.`,
      capabilities: [{ ref: "current_time" }, { ref: "no_such_capability" }],
      tools: [{ name: "lookup" }, { name: "lookup", description: "twice" }],
    });
    expect(response.status).toBe(200);
    assertMatchesSchema("AgentAnalysis", response.json);
    const rules = response.json.findings.map((f: { rule_id: string }) => f.rule_id).sort();
    expect(rules).toEqual([
      "capability.unknown",
      "prompt.secret",
      "tool.duplicate_name",
      "tool.no_description",
    ]);
    expect(response.text).not.toContain(secret);
    const clean = await api.post("/v1/agents/analyze", {
      system_prompt: "You help customers track their parcels, in a friendly tone.",
    });
    expect(clean.json.findings).toEqual([]);
  });

  it("previews the prompt and tools a session of a draft would get", async () => {
    const response = await api.post("/v1/agents/preview", {
      system_prompt: "Tell the time.",
      capabilities: [{ ref: "current_time" }],
      tools: [{ type: "client_side", name: "ask_user", description: "Ask the user." }],
    });
    expect(response.status).toBe(200);
    assertMatchesSchema("AgentPreview", response.json);
    expect(response.json.system_prompt).toBe("Tell the time.");
    expect(response.json.tools.map((t: { name: string }) => t.name)).toEqual([
      "current_time",
      "ask_user",
    ]);
    const empty = await api.post("/v1/agents/preview", { system_prompt: "" });
    expect(empty.json.system_prompt).toBe("You are a helpful assistant.");
  });

  it("checks names, honouring exclude_id", async () => {
    const agent = (await api.post("/v1/agents", { name: "taken-name", system_prompt: "x" })).json;
    expect((await api.get("/v1/agents/check-name?name=free-name")).json).toEqual({
      available: true,
    });
    expect((await api.get("/v1/agents/check-name?name=taken-name")).json).toEqual({
      available: false,
    });
    expect(
      (await api.get(`/v1/agents/check-name?name=taken-name&exclude_id=${agent.id}`)).json,
    ).toEqual({ available: true });
  });

  it("answers the agent policies", async () => {
    const response = await api.get("/v1/agents/config");
    assertMatchesSchema("ResourceConfig", response.json);
    expect(response.json.policies.create).toBe(true);
  });

  it("counts an agent's sessions and turns from the store", async () => {
    const agent = (await api.post("/v1/agents", { name: "counted", system_prompt: "Count." })).json;
    const zero = await api.get(`/v1/agents/${agent.id}/stats`);
    assertMatchesSchema("ResourceStats", zero.json);
    expect(zero.json).toMatchObject({
      session_count: 0,
      execution_count: 0,
      first_session_at: null,
    });
    const one = await createSession(api, { agent_id: agent.id });
    await createSession(api, { agent_id: agent.id });
    await sendMessage(api, one, "first");
    await waitForTurnEnds(api, one, 1);
    await sendMessage(api, one, "second");
    await waitForTurnEnds(api, one, 2);
    const stats = (await api.get(`/v1/agents/counted/stats`)).json;
    expect(stats).toMatchObject({
      session_count: 2,
      started_session_count: 1,
      idle_session_count: 1,
      execution_count: 2,
    });
    expect(stats.last_execution_at).not.toBeNull();
  });

  it("refuses bad input", async () => {
    await expectRefusals([
      [api.post("/v1/agents/analyze", {}), 400, "validation_failed"],
      [api.post("/v1/agents/analyze", { system_prompt: 3 }), 400, "validation_failed"],
      [
        api.post("/v1/agents/preview", { system_prompt: "x", tools: "no" }),
        400,
        "validation_failed",
      ],
      [api.get("/v1/agents/check-name"), 400, "validation_failed"],
      [api.get("/v1/agents/check-name?name=Not%20A%20Slug"), 400, "invalid_name"],
      [api.get("/v1/agents/nobody/stats"), 404, "agent_not_found"],
    ]);
  });
});
