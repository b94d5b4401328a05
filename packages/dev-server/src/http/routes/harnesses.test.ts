import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

async function lastReply(sessionId: string, text: string, turn: number): Promise<string> {
  await sendMessage(api, sessionId, text);
  await waitForTurnEnds(api, sessionId, turn);
  const messages = (await api.get(`/v1/sessions/${sessionId}/messages`)).json.data as unknown[];
  return JSON.stringify(messages.at(-1));
}

describe("user-written harnesses", () => {
  it("creates (201), gets by id and name, lists, updates and deletes a harness", async () => {
    const created = await api.post("/v1/harnesses", {
      name: "house-style",
      display_name: "House style",
      system_prompt: "Write in British English.",
      tags: ["style"],
    });
    expect(created.status).toBe(201);
    assertMatchesSchema("Harness", created.json);
    expect(created.json).toMatchObject({
      name: "house-style",
      is_built_in: false,
      status: "active",
      session_count: 0,
    });
    expect(created.json.id).toMatch(/^harness_[0-9a-f]{32}$/);
    expect((await api.get("/v1/harnesses/house-style")).json.id).toBe(created.json.id);
    const names = (await api.get("/v1/harnesses")).json.data.map((h: { name: string }) => h.name);
    expect(names).toEqual(["generic", "house-style"]);
    expect((await api.get("/v1/harnesses?search=british")).json.data).toHaveLength(0);
    expect((await api.get("/v1/harnesses?search=house")).json.data).toHaveLength(1);

    const updated = await api.patch(`/v1/harnesses/${created.json.id}`, {
      system_prompt: "Write in plain English.",
      status: "archived",
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      system_prompt: "Write in plain English.",
      status: "archived",
    });
    expect((await api.get("/v1/harnesses")).json.data).toHaveLength(1);
    expect((await api.get("/v1/harnesses?include_archived=true")).json.data).toHaveLength(2);

    expect((await api.delete(`/v1/harnesses/${created.json.id}`)).status).toBe(204);
    expect((await api.get(`/v1/harnesses/${created.json.id}`)).status).toBe(404);
    // The name is free again.
    expect((await api.get("/v1/harnesses/check-name?name=house-style")).json.available).toBe(true);
    expect((await api.post("/v1/harnesses", { name: "house-style" })).status).toBe(201);
  });

  it("runs sessions and agents that name it: its prompt comes first, its capabilities apply", async () => {
    const harness = (
      await api.post("/v1/harnesses", {
        name: "pirate",
        system_prompt: "HARNESS-PIRATE speaks like a pirate.",
        capabilities: [{ ref: "current_time" }],
      })
    ).json;
    const bare = await createSession(api, { harness_name: "pirate" });
    const reply = await lastReply(bare, "hello", 1);
    expect(reply).toContain("HARNESS-PIRATE");

    const agent = (
      await api.post("/v1/agents", {
        name: "pirate-agent",
        system_prompt: "AGENT-PROMPT",
        harness_id: harness.id,
      })
    ).json;
    expect(agent.harness_id).toBe(harness.id);
    const session = await createSession(api, { agent_id: agent.id });
    expect((await api.get(`/v1/sessions/${session}`)).json.harness_id).toBe(harness.id);
    const events = await (async () => {
      await sendMessage(api, session, "what time is it?");
      return waitForTurnEnds(api, session, 1);
    })();
    // The harness's capability gave the turn the server-side current_time tool.
    expect(events.some((e) => e.type === "tool.started")).toBe(true);
    const messages = (await api.get(`/v1/sessions/${session}/messages`)).json.data;
    expect(JSON.stringify(messages)).toContain("HARNESS-PIRATE");
    expect(JSON.stringify(messages)).toContain("AGENT-PROMPT");

    // An edit of the harness applies to the next turn.
    await api.patch(`/v1/harnesses/${harness.id}`, { system_prompt: "HARNESS-PARROT squawks." });
    expect(await lastReply(bare, "again", 2)).toContain("HARNESS-PARROT");
    const stats = (await api.get(`/v1/harnesses/${harness.id}/stats`)).json;
    assertMatchesSchema("ResourceStats", stats);
    expect(stats).toMatchObject({ session_count: 2, execution_count: 3 });
  });

  it("copies (built-in ones too), imports examples, previews drafts with their parents", async () => {
    const copy = await api.post("/v1/harnesses/generic/copy");
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({ name: "generic-copy", is_built_in: false });
    const examples = await api.get("/v1/harness-examples");
    expect(examples.status).toBe(200);
    for (const example of examples.json) assertMatchesSchema("HarnessExample", example);
    const imported = await api.post("/v1/harnesses/import?from-example=time-aware");
    expect(imported.status).toBe(201);
    expect(imported.json).toMatchObject({
      name: "time-aware",
      capabilities: [{ ref: "current_time" }],
    });
    const again = await api.post("/v1/harnesses/import?from-example=time-aware");
    expect(again.json.name).toBe("time-aware-2");

    const preview = await api.post("/v1/harnesses/preview", {
      system_prompt: "Child rules.",
      parent_harness_id: imported.json.id,
    });
    expect(preview.status).toBe(200);
    assertMatchesSchema("HarnessPreview", preview.json);
    expect(preview.json.system_prompt).toBe(`${imported.json.system_prompt}\n\nChild rules.`);
    expect(preview.json.tools.map((t: { name: string }) => t.name)).toEqual(["current_time"]);
    expect((await api.post("/v1/harnesses/preview", {})).json.system_prompt).toBe(
      "You are a helpful assistant.",
    );
  });

  it("answers check-name and config", async () => {
    await api.post("/v1/harnesses", { name: "named-one" });
    expect((await api.get("/v1/harnesses/check-name?name=named-one")).json.available).toBe(false);
    expect((await api.get("/v1/harnesses/check-name?name=generic")).json.available).toBe(false);
    expect((await api.get("/v1/harnesses/check-name?name=unnamed")).json.available).toBe(true);
    const config = await api.get("/v1/harnesses/config");
    assertMatchesSchema("ResourceConfig", config.json);
  });

  it("refuses bad input with problem+json", async () => {
    const a = (await api.post("/v1/harnesses", { name: "cycle-a" })).json;
    const b = (await api.post("/v1/harnesses", { name: "cycle-b", parent_harness_id: a.id })).json;
    await expectRefusals([
      [api.post("/v1/harnesses", {}), 400, "validation_failed"],
      [api.post("/v1/harnesses", { name: "Has Spaces" }), 400, "validation_failed"],
      [api.post("/v1/harnesses", { name: "generic" }), 400, "name_taken"],
      [api.post("/v1/harnesses", { name: "cycle-a" }), 400, "name_taken"],
      [
        api.post("/v1/harnesses", { name: "orphan", parent_harness_id: "nope" }),
        404,
        "harness_not_found",
      ],
      [api.patch(`/v1/harnesses/${a.id}`, { parent_harness_id: b.id }), 400, "harness_cycle"],
      [api.patch(`/v1/harnesses/${a.id}`, { name: "cycle-b" }), 400, "name_taken"],
      [api.patch("/v1/harnesses/generic", { system_prompt: "x" }), 400, "built_in_harness"],
      [api.delete("/v1/harnesses/generic"), 400, "built_in_harness"],
      [api.delete("/v1/harnesses/nothing-here"), 404, "harness_not_found"],
      [api.post("/v1/harnesses/nothing-here/copy"), 404, "harness_not_found"],
      [api.get("/v1/harnesses/nothing-here/stats"), 404, "harness_not_found"],
      [api.post("/v1/harnesses/import"), 400, "validation_failed"],
      [api.post("/v1/harnesses/import?from-example=nope"), 404, "example_not_found"],
      [api.post("/v1/harnesses/preview", { capabilities: "x" }), 400, "validation_failed"],
      [api.post("/v1/harnesses/preview", { parent_harness_id: "nope" }), 404, "harness_not_found"],
      [api.get("/v1/harnesses/check-name"), 400, "validation_failed"],
      [api.get("/v1/harnesses/check-name?name=Bad%20Name"), 400, "invalid_name"],
      [
        api.post("/v1/agents", { name: "x-agent", system_prompt: "x", harness_name: "nope" }),
        404,
        "harness_not_found",
      ],
    ]);
  });
});

describe("harnesses are durable", () => {
  it("keeps user-written harnesses across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "everruns-harnesses-"));
    try {
      const db = join(dir, "dev.sqlite");
      const first = await startTestServer({ db });
      const created = (await apiClient(first).post("/v1/harnesses", { name: "kept" })).json;
      await first.close();
      const second = await startTestServer({ db });
      try {
        expect((await apiClient(second).get("/v1/harnesses/kept")).json.id).toBe(created.id);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
