import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  startTestServer,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

const AGENT_ID = "agent_0190a0a0a0a07000800000000000abcd";

describe("agents", () => {
  it("creates an agent (201) with a spec-shaped body, and gets it by id and by name", async () => {
    const created = await api.post("/v1/agents", {
      name: "alpha",
      system_prompt: "Be brief.",
      display_name: "Alpha",
    });
    expect(created.status).toBe(201);
    assertMatchesSchema("Agent", created.json);
    expect(created.json).toMatchObject({
      name: "alpha",
      status: "active",
      harness_id: expect.stringMatching(/^harness_/),
    });
    expect(created.json.id).toMatch(/^agent_[0-9a-f]{32}$/);
    expect(created.json.self_url).toBe(`${server.url}/v1/agents/${created.json.id}`);

    const byId = await api.get(`/v1/agents/${created.json.id}`);
    assertMatchesSchema("AgentWithCounts", byId.json);
    expect(byId.json).toMatchObject({ id: created.json.id, session_count: 0, app_count: 0 });
    expect((await api.get("/v1/agents/alpha")).json.id).toBe(created.json.id);
  });

  it("applies by name: a second create with the same name updates (200)", async () => {
    const first = await api.post("/v1/agents", { name: "beta", system_prompt: "v1" });
    const second = await api.post("/v1/agents", { name: "beta", system_prompt: "v2" });
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ id: first.json.id, system_prompt: "v2" });
  });

  it("applies by id: creates the agent with the client's id (201), then updates it (200)", async () => {
    const created = await api.post("/v1/agents", {
      id: AGENT_ID,
      name: "gamma",
      system_prompt: "v1",
    });
    expect(created.status).toBe(201);
    expect(created.json.id).toBe(AGENT_ID);
    const updated = await api.post("/v1/agents", {
      id: AGENT_ID,
      name: "gamma-renamed",
      system_prompt: "v2",
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id: AGENT_ID, name: "gamma-renamed" });
  });

  it("refuses a name another agent holds with 400 name_taken", async () => {
    await api.post("/v1/agents", { name: "taken", system_prompt: "x" });
    const other = await api.post("/v1/agents", { name: "other", system_prompt: "x" });
    const rename = await api.patch(`/v1/agents/${other.json.id}`, { name: "taken" });
    expect(rename.status).toBe(400);
    expect(rename.json.code).toBe("name_taken");
    const byId = await api.post("/v1/agents", {
      id: other.json.id,
      name: "taken",
      system_prompt: "x",
    });
    expect(byId.json.code).toBe("name_taken");
  });

  it("refuses names that are not slugs or are too long", async () => {
    for (const name of [
      "Upper",
      "with space",
      "trailing-",
      "-leading",
      "double--dash",
      "a".repeat(65),
      "",
    ]) {
      const response = await api.post("/v1/agents", { name, system_prompt: "x" });
      expect(response.status, name).toBe(400);
      expect(response.json.code).toBe("validation_failed");
    }
  });

  it("refuses an unknown harness with 404 and both harness fields with 400", async () => {
    const unknown = await api.post("/v1/agents", {
      name: "h1",
      system_prompt: "x",
      harness_name: "nope",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe("harness_not_found");
    const both = await api.post("/v1/agents", {
      name: "h2",
      system_prompt: "x",
      harness_name: "generic",
      harness_id: "x",
    });
    expect(both.json.code).toBe("conflicting_fields");
  });

  it("upserts with PUT by id and by name", async () => {
    const id = "agent_0190a0a0a0a07000800000000000beef";
    const created = await api.put(`/v1/agents/${id}`, { name: "put-agent", system_prompt: "x" });
    expect(created.status).toBe(201);
    expect(created.json.id).toBe(id);
    expect(
      (await api.put(`/v1/agents/${id}`, { name: "put-agent", system_prompt: "y" })).status,
    ).toBe(200);
    const byName = await api.put("/v1/agents/put-by-name", {
      name: "put-by-name",
      system_prompt: "x",
    });
    expect(byName.status).toBe(201);
    expect(
      (await api.put("/v1/agents/put-by-name", { name: "put-by-name", system_prompt: "z" })).json
        .system_prompt,
    ).toBe("z");
    expect(
      (await api.put("/v1/agents/put-by-name", { name: "different", system_prompt: "z" })).json
        .code,
    ).toBe("name_mismatch");
  });

  it("patches only the fields given", async () => {
    const agent = (
      await api.post("/v1/agents", { name: "patchy", system_prompt: "keep", description: "d" })
    ).json;
    const patched = await api.patch(`/v1/agents/${agent.id}`, { display_name: "Patchy" });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      system_prompt: "keep",
      description: "d",
      display_name: "Patchy",
    });
  });

  it("archives with DELETE (204): hidden from lists unless include_archived", async () => {
    const agent = (await api.post("/v1/agents", { name: "archivable", system_prompt: "x" })).json;
    expect((await api.delete(`/v1/agents/${agent.id}`)).status).toBe(204);
    expect((await api.get(`/v1/agents/${agent.id}`)).json).toMatchObject({
      status: "archived",
      archived_at: expect.any(String),
    });
    const names = (await api.get("/v1/agents?limit=100")).json.data.map(
      (a: { name: string }) => a.name,
    );
    expect(names).not.toContain("archivable");
    const all = (await api.get("/v1/agents?limit=100&include_archived=true")).json.data.map(
      (a: { name: string }) => a.name,
    );
    expect(all).toContain("archivable");
  });

  it("lists newest first with offset paging, search and next_url", async () => {
    for (const n of [1, 2, 3])
      await api.post("/v1/agents", { name: `paged-${n}`, system_prompt: "x" });
    const page = await api.get("/v1/agents?search=paged-&limit=2");
    assertMatchesSchema("AgentPage", page.json);
    expect(page.json).toMatchObject({ total: 3, offset: 0, limit: 2 });
    expect(page.json.data.map((a: { name: string }) => a.name)).toEqual(["paged-3", "paged-2"]);
    const next = await fetch(page.json.next_url, { headers: { authorization: "dev" } }).then((r) =>
      r.json(),
    );
    expect(next.data.map((a: { name: string }) => a.name)).toEqual(["paged-1"]);
    expect(next.next_url).toBeNull();
  });

  it("copies an agent under a new id and a free name (201)", async () => {
    const source = (await api.post("/v1/agents", { name: "original", system_prompt: "x" })).json;
    const copy = await api.post(`/v1/agents/${source.id}/copy`);
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({ name: "original-copy", system_prompt: "x" });
    expect(copy.json.id).not.toBe(source.id);
    expect((await api.post(`/v1/agents/${source.id}/copy`)).json.name).toBe("original-copy-2");
  });

  it("exports Markdown that import reads back, updating the same agent", async () => {
    const agent = (
      await api.post("/v1/agents", {
        name: "roundtrip",
        system_prompt: "Line one.\n\nLine two.",
        tags: ["a"],
      })
    ).json;
    const exported = await api.get(`/v1/agents/${agent.id}/export`);
    expect(exported.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(exported.text).toMatch(/^---\n/);
    const imported = await api.post(
      "/v1/agents/import",
      exported.text.replace("Line two.", "Line 2."),
      {
        "content-type": "text/markdown",
      },
    );
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({
      id: agent.id,
      system_prompt: "Line one.\n\nLine 2.",
      tags: ["a"],
    });
  });

  it("imports plain text as a new agent and built-in examples by name", async () => {
    const plain = await api.post("/v1/agents/import", "You are terse.", {
      "content-type": "text/plain",
    });
    expect(plain.status).toBe(201);
    expect(plain.json.system_prompt).toBe("You are terse.");
    const example = await api.post("/v1/agents/import?from-example=hello-world");
    expect(example.status).toBe(201);
    expect(example.json.name).toBe("hello-world");
    expect((await api.post("/v1/agents/import?from-example=hello-world")).json.name).toBe(
      "hello-world-2",
    );
    expect((await api.post("/v1/agents/import?from-example=nope")).json.code).toBe(
      "example_not_found",
    );
    const bad = await api.post("/v1/agents/import", "---\nname: Bad Name\n---\nx", {
      "content-type": "text/plain",
    });
    expect(bad.status).toBe(400);
  });
});
