import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

async function newAgent(name: string, prompt: string): Promise<string> {
  const created = await api.post("/v1/agents", { name, system_prompt: prompt });
  expect(created.status).toBe(201);
  return created.json.id as string;
}

/** The text of the latest reply of a session after one more turn. */
async function replyTo(sessionId: string, text: string, turn: number): Promise<string> {
  await sendMessage(api, sessionId, text);
  await waitForTurnEnds(api, sessionId, turn);
  const messages = (await api.get(`/v1/sessions/${sessionId}/messages`)).json.data as unknown[];
  return JSON.stringify(messages.at(-1));
}

describe("agent versions", () => {
  it("saves versions numbered by semver and lists them newest first", async () => {
    const id = await newAgent("versioned", "First prompt.");
    const first = await api.post(`/v1/agents/${id}/versions`, { summary: "initial" });
    expect(first.status).toBe(200);
    assertMatchesSchema("AgentVersion", first.json);
    expect(first.json).toMatchObject({
      agent_id: id,
      version_number: 1,
      version: "1.0.0",
      change_kind: "manual",
      summary: "initial",
      parent_version_id: null,
    });
    expect(first.json.authored_config.system_prompt).toBe("First prompt.");
    expect(first.json.resolved_config.harness_name).toBe("generic");

    await api.patch(`/v1/agents/${id}`, { system_prompt: "Second prompt." });
    const major = await api.post(`/v1/agents/${id}/versions`, { change_kind: "major" });
    const list = await api.get(`/v1/agents/${id}/versions`);
    expect(list.status).toBe(200);
    expect(list.json.map((v: { version: string }) => v.version)).toEqual([
      "2.0.0",
      "1.0.1",
      "1.0.0",
    ]);
    // The edit after version 1 saved an `auto` version (the default must follow edits).
    expect(list.json.map((v: { change_kind: string }) => v.change_kind)).toEqual([
      "major",
      "auto",
      "manual",
    ]);
    expect(major.json.version).toBe("2.0.0");
    expect((await api.get(`/v1/agents/${id}`)).json.default_version_id).toBe(major.json.id);
  });

  it("diffs two versions field by field, and finds no difference between equal ones", async () => {
    const id = await newAgent("diffed", "Old prompt.");
    const v1 = (await api.post(`/v1/agents/${id}/versions`, {})).json;
    await api.patch(`/v1/agents/${id}`, { system_prompt: "New prompt.", tags: ["x"] });
    const v2 = (await api.get(`/v1/agents/${id}/versions`)).json[0];
    const diff = await api.get(`/v1/agents/${id}/versions/${v1.id}/diff/${v2.id}`);
    expect(diff.status).toBe(200);
    assertMatchesSchema("AgentVersionDiff", diff.json);
    expect(diff.json.authored_diff).toEqual([
      { path: "system_prompt", op: "changed", from: "Old prompt.", to: "New prompt." },
      { path: "tags", op: "changed", from: [], to: ["x"] },
    ]);
    const same = await api.get(`/v1/agents/${id}/versions/${v1.id}/diff/${v1.id}`);
    expect(same.json.authored_diff).toEqual([]);
  });

  it("rolls back: the next turn of an existing session uses the old system prompt", async () => {
    const id = await newAgent("rolled", "You are PROMPT-ONE.");
    const v1 = (await api.post(`/v1/agents/${id}/versions`, {})).json;
    await api.patch(`/v1/agents/${id}`, { system_prompt: "You are PROMPT-TWO." });
    const sessionId = await createSession(api, { agent_id: id });
    expect(await replyTo(sessionId, "who are you?", 1)).toContain("PROMPT-TWO");

    const rolled = await api.post(`/v1/agents/${id}/versions/${v1.id}/rollback`, {});
    expect(rolled.status).toBe(200);
    assertMatchesSchema("Agent", rolled.json);
    expect(rolled.json.system_prompt).toBe("You are PROMPT-ONE.");
    const versions = (await api.get(`/v1/agents/${id}/versions`)).json;
    expect(versions[0]).toMatchObject({ change_kind: "rollback", source_version_id: v1.id });
    expect(rolled.json.default_version_id).toBe(versions[0].id);
    expect(await replyTo(sessionId, "and now?", 2)).toContain("PROMPT-ONE");
  });

  it("sets the default version (and rollback without save_version): turns follow it", async () => {
    const id = await newAgent("defaulted", "You are DEFAULT-A.");
    const a = (await api.post(`/v1/agents/${id}/versions`, {})).json;
    await api.patch(`/v1/agents/${id}`, { system_prompt: "You are DEFAULT-B." });
    const b = (await api.get(`/v1/agents/${id}/versions`)).json[0];
    const set = await api.post(`/v1/agents/${id}/versions/default`, { version_id: a.id });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({
      default_version_id: a.id,
      system_prompt: "You are DEFAULT-A.",
    });
    const sessionId = await createSession(api, { agent_id: id });
    expect(await replyTo(sessionId, "hi", 1)).toContain("DEFAULT-A");
    const back = await api.post(`/v1/agents/${id}/versions/${b.id}/rollback`, {
      save_version: false,
    });
    expect(back.json.default_version_id).toBe(b.id);
    expect((await api.get(`/v1/agents/${id}/versions`)).json).toHaveLength(2);
    expect(await replyTo(sessionId, "again", 2)).toContain("DEFAULT-B");
  });

  it("forks a version into a new agent that remembers where it came from", async () => {
    const id = await newAgent("forked-source", "Fork me.");
    const v1 = (await api.post(`/v1/agents/${id}/versions`, {})).json;
    await api.patch(`/v1/agents/${id}`, { system_prompt: "Changed after v1." });
    const fork = await api.post(`/v1/agents/${id}/versions/${v1.id}/fork`, {
      name: "forked-child",
      display_name: "Child",
    });
    expect(fork.status).toBe(200);
    assertMatchesSchema("Agent", fork.json);
    expect(fork.json).toMatchObject({
      name: "forked-child",
      display_name: "Child",
      system_prompt: "Fork me.",
      forked_from_agent_id: id,
      forked_from_version_id: v1.id,
    });
    const childVersions = (await api.get(`/v1/agents/${fork.json.id}/versions`)).json;
    expect(childVersions).toHaveLength(1);
    expect(childVersions[0]).toMatchObject({ change_kind: "fork", source_version_id: v1.id });
  });

  it("refuses bad input with problem+json", async () => {
    const id = await newAgent("refusing", "Refuse.");
    const v1 = (await api.post(`/v1/agents/${id}/versions`, {})).json;
    const other = await newAgent("refusing-other", "Other.");
    const otherVersion = (await api.post(`/v1/agents/${other}/versions`, {})).json;
    const cases: [Promise<{ status: number; json: { code: string } }>, number, string][] = [
      [api.get("/v1/agents/no-such-agent/versions"), 404, "agent_not_found"],
      [
        api.post(`/v1/agents/${id}/versions`, { change_kind: "sideways" }),
        400,
        "validation_failed",
      ],
      [
        api.post(`/v1/agents/${id}/versions`, { change_kind: "rollback" }),
        400,
        "invalid_change_kind",
      ],
      [api.post(`/v1/agents/${id}/versions/default`, {}), 400, "validation_failed"],
      [
        api.post(`/v1/agents/${id}/versions/default`, { version_id: otherVersion.id }),
        404,
        "agent_version_not_found",
      ],
      [api.get(`/v1/agents/${id}/versions/not-a-version/diff/${v1.id}`), 400, "validation_failed"],
      [
        api.get(`/v1/agents/${id}/versions/${otherVersion.id}/diff/${v1.id}`),
        404,
        "agent_version_not_found",
      ],
      [api.post(`/v1/agents/${id}/versions/${v1.id}/fork`, {}), 400, "validation_failed"],
      [
        api.post(`/v1/agents/${id}/versions/${v1.id}/fork`, { name: "Bad Name" }),
        400,
        "validation_failed",
      ],
      [
        api.post(`/v1/agents/${id}/versions/${v1.id}/fork`, { name: "refusing-other" }),
        400,
        "name_taken",
      ],
      [
        api.post(`/v1/agents/${id}/versions/${otherVersion.id}/rollback`, {}),
        404,
        "agent_version_not_found",
      ],
      [
        api.post(`/v1/agents/${id}/versions/${v1.id}/rollback`, { save_version: "yes" }),
        400,
        "validation_failed",
      ],
    ];
    for (const [call, status, code] of cases) {
      const response = await call;
      expect({ status: response.status, code: response.json?.code }).toEqual({ status, code });
    }
  });
});

describe("agent versions are durable", () => {
  it("keeps versions and the default across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "everruns-versions-"));
    try {
      const db = join(dir, "dev.sqlite");
      let first: DevServer | undefined = await startTestServer({ db });
      const firstApi = apiClient(first);
      const agent = (await firstApi.post("/v1/agents", { name: "durable", system_prompt: "Kept." }))
        .json;
      const version = (await firstApi.post(`/v1/agents/${agent.id}/versions`, {})).json;
      await first.close();
      first = undefined;
      const second = await startTestServer({ db });
      try {
        const again = apiClient(second);
        const versions = (await again.get(`/v1/agents/${agent.id}/versions`)).json;
        expect(versions.map((v: { id: string }) => v.id)).toEqual([version.id]);
        expect((await again.get(`/v1/agents/${agent.id}`)).json.default_version_id).toBe(
          version.id,
        );
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
