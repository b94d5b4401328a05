import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  createSession,
  startTestServer,
} from "../test-support/test-server.js";
import { specOperations } from "./openapi-document.js";

let server: DevServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ apiKey: "dev-secret-key-123" });
  api = apiClient(server, "dev-secret-key-123");
});
afterAll(() => server.close());

function expectProblem(
  response: { status: number; headers: Headers; json: unknown },
  status: number,
  code: string,
) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.json).toMatchObject({ status, code });
  assertMatchesSchema("ErrorResponse", response.json);
}

describe("authentication", () => {
  const samplePath = (path: string) =>
    path
      .replace("{agent_id}", "agent_0190a0a0a0a07000800000000000000a")
      .replace("{session_id}", "session_0190a0a0a0a07000800000000000000a")
      .replace("{harness_id}", "generic")
      .replace("{id}", "x")
      .replace("{capability_id}", "current_time");

  it.each(specOperations().map((op) => [op.operationId, op.method, op.path] as const))(
    "%s (%s %s) answers 401 without a key and with a wrong key, under /v1 and /api/v1",
    async (_id, method, path) => {
      for (const prefix of ["", "/api"]) {
        const url = `${server.url}${prefix}${samplePath(path)}`;
        const missing = await fetch(url, { method });
        expect(missing.status).toBe(401);
        expect(missing.headers.get("content-type")).toBe("application/problem+json");
        expect(await missing.json()).toMatchObject({ code: "unauthorized" });
        const wrong = await fetch(url, { method, headers: { authorization: "nope" } });
        expect(wrong.status).toBe(401);
      }
    },
  );

  it("explains the Bearer prefix without echoing the key", async () => {
    const response = await api.get("/v1/agents", { authorization: "Bearer dev-secret-key-123" });
    expectProblem(response, 401, "unauthorized");
    expect(response.json.detail).toMatch(/without the Bearer prefix/);
    expect(response.text).not.toContain("dev-secret-key-123");
  });

  it("never puts the key in a response or the request log", async () => {
    const lines: string[] = [];
    const logged = await startTestServer({
      apiKey: "dev-secret-key-123",
      log: (line) => lines.push(line),
    });
    const client = apiClient(logged, "dev-secret-key-123");
    await client.get("/v1/agents?search=dev-secret-key-123");
    await client.post("/v1/agents", '{"name": "dev-secret-key-123"');
    await apiClient(logged, "wrong-key").get("/v1/agents");
    await logged.close();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain("dev-secret-key-123");
  });

  it("keeps /health and /openapi.json open", async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const spec = await fetch(`${server.url}/openapi.json`);
    expect(spec.status).toBe(200);
    expect(await spec.json()).toMatchObject({ openapi: "3.1.0", info: { title: "Everruns API" } });
  });
});

describe("bad requests", () => {
  it("answers an unknown route with 404 route_not_found", async () => {
    expectProblem(await api.get("/v1/nothing-here"), 404, "route_not_found");
    expectProblem(await api.get("/api/v1/sessions/x/y/z"), 404, "route_not_found");
    const outside = await fetch(`${server.url}/elsewhere`);
    expect(outside.status).toBe(404);
    expect(outside.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers a known path with the wrong method with 405 and Allow", async () => {
    const response = await api.delete("/v1/agents");
    expectProblem(response, 405, "method_not_allowed");
    expect(response.headers.get("allow")).toBe("GET, POST");
  });

  it("answers malformed JSON with 400 invalid_json, without quoting the body", async () => {
    const response = await api.post("/v1/agents", '{"name": "secret-words", ');
    expectProblem(response, 400, "invalid_json");
    expect(response.text).not.toContain("secret-words");
    expectProblem(await api.post("/v1/sessions", ""), 400, "invalid_json");
  });

  it("answers a non-JSON content type with 415 unsupported_media_type", async () => {
    const response = await api.post("/v1/sessions", "title=x", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expectProblem(response, 415, "unsupported_media_type");
  });

  it("answers a body over 1 MiB with 413 payload_too_large", async () => {
    const big = JSON.stringify({ name: "big", system_prompt: "x".repeat(1024 * 1024) });
    expectProblem(await api.post("/v1/agents", big), 413, "payload_too_large");
  });

  it("answers schema violations with 400 validation_failed and says where", async () => {
    const response = await api.post("/v1/agents", { name: "Not A Slug", system_prompt: "x" });
    expectProblem(response, 400, "validation_failed");
    expect(response.json.detail).toContain("name");
    const missing = await api.post("/v1/agents", { name: "ok" });
    expectProblem(missing, 400, "validation_failed");
    expect(missing.json.detail).toContain("system_prompt");
  });

  it("answers malformed ids in the path with 400 and unknown ids with 404", async () => {
    expectProblem(await api.get("/v1/sessions/not-an-id"), 400, "validation_failed");
    expectProblem(
      await api.get("/v1/sessions/session_0190a0a0a0a07000800000000000000a"),
      404,
      "session_not_found",
    );
    expectProblem(
      await api.get("/v1/agents/agent_0190a0a0a0a07000800000000000000a"),
      404,
      "agent_not_found",
    );
    expectProblem(await api.get("/v1/agents/no-such-agent"), 404, "agent_not_found");
    expectProblem(await api.get("/v1/harnesses/nope"), 404, "harness_not_found");
    expectProblem(await api.get("/v1/models/nope"), 404, "model_not_found");
    expectProblem(await api.get("/v1/capabilities/nope"), 404, "capability_not_found");
  });

  it("answers bad query parameters with 400", async () => {
    expectProblem(await api.get("/v1/agents?limit=1000"), 400, "validation_failed");
    expectProblem(await api.get("/v1/agents?offset=-1"), 400, "validation_failed");
    expectProblem(await api.get("/v1/agents?limit=abc"), 400, "validation_failed");
  });

  it("refuses messages that clients may not send", async () => {
    const sessionId = await createSession(api);
    const toolCall = await api.post(`/v1/sessions/${sessionId}/messages`, {
      message: { content: [{ type: "tool_call", id: "c", name: "n", arguments: {} }] },
    });
    expectProblem(toolCall, 400, "validation_failed");
    const agentRole = await api.post(`/v1/sessions/${sessionId}/messages`, {
      message: { role: "agent", content: [{ type: "text", text: "hi" }] },
    });
    expectProblem(agentRole, 400, "invalid_role");
    const empty = await api.post(`/v1/sessions/${sessionId}/messages`, {
      message: { content: [] },
    });
    expectProblem(empty, 400, "empty_message");
  });

  it("survives garbage in every corner without a 500", async () => {
    const sessionId = await createSession(api);
    const probes = [
      api.post("/v1/agents", "[]"),
      api.post("/v1/agents", "null"),
      api.post("/v1/agents", '"text"'),
      api.post("/v1/sessions", { agent_id: 42 }),
      api.get(`/v1/sessions/${sessionId}/events?from_ts=yesterday`),
      api.get(`/v1/sessions/${sessionId}/events?since_id=%00%ff`),
      api.get("/v1/sessions/%E0%A4%A"),
      api.post(`/v1/sessions/${sessionId}/tool-results`, { tool_results: "x" }),
      api.patch(`/v1/sessions/${sessionId}`, { title: 5 }),
      api.post("/v1/agents/import", "\u0000\u0001", { "content-type": "application/octet-stream" }),
    ];
    for (const response of await Promise.all(probes)) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});
