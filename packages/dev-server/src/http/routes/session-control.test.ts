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
const lines: string[] = [];
const MISSING = "session_0190a0b0c0d07000800000000000ffff";

beforeAll(async () => {
  server = await startTestServer({ log: (line) => lines.push(line) });
  api = apiClient(server);
});
afterAll(() => server.close());

function expectProblem(
  response: { status: number; headers: Headers; json: { code?: string } },
  status: number,
  code: string,
) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(response.json.code).toBe(code);
}

/** A session with two finished turns (four messages). */
async function sessionWithHistory(): Promise<string> {
  const id = await createSession(api, { title: "source", tags: ["a"] });
  await sendMessage(api, id, "first question");
  await sendMessage(api, id, "second question");
  await waitForTurnEnds(api, id, 2);
  return id;
}

describe("fork", () => {
  it("copies the history into a new session (201) with the overrides, and leaves the source alone", async () => {
    const source = await sessionWithHistory();
    const before = (await api.get(`/v1/sessions/${source}/messages`)).json.data;
    const response = await api.post(`/v1/sessions/${source}/fork`, {
      system_prompt: "Be brief.",
      tags: ["forked"],
    });
    expect(response.status).toBe(201);
    assertMatchesSchema("Session", response.json);
    const fork = response.json;
    expect(fork.id).not.toBe(source);
    expect(fork).toMatchObject({
      forked_from_session_id: source,
      forked_from_sequence: before.at(-1).sequence,
      system_prompt: "Be brief.",
      tags: ["forked"],
      title: "source",
      status: "idle",
    });
    const copied = (await api.get(`/v1/sessions/${fork.id}/messages`)).json.data;
    const strip = (m: Record<string, unknown>) => ({
      role: m.role,
      content: m.content,
      sequence: m.sequence,
    });
    expect(copied.map(strip)).toEqual(before.map(strip));
    expect(copied.map((m: { id: string }) => m.id)).not.toContain(before[0].id);
    // The fork is a real session: it runs its own turns and the source does not see them.
    await sendMessage(api, fork.id, "third, only in the fork");
    await waitForTurnEnds(api, fork.id, 1);
    expect((await api.get(`/v1/sessions/${fork.id}/messages`)).json.data).toHaveLength(6);
    expect((await api.get(`/v1/sessions/${source}/messages`)).json.data).toHaveLength(4);
  });

  it("refuses a missing session (404), a missing agent (404), a bad body (400) and a running turn (409)", async () => {
    expectProblem(await api.post(`/v1/sessions/${MISSING}/fork`, {}), 404, "session_not_found");
    const source = await createSession(api);
    expectProblem(
      await api.post(`/v1/sessions/${source}/fork`, {
        agent_id: "agent_0190a0b0c0d07000800000000000ffff",
      }),
      404,
      "agent_not_found",
    );
    expectProblem(
      await api.post(`/v1/sessions/${source}/fork`, { tags: "x" }),
      400,
      "validation_failed",
    );
    await sendMessage(api, source, "[simulate:slow] keep going");
    expectProblem(await api.post(`/v1/sessions/${source}/fork`, {}), 409, "session_busy");
    await api.post(`/v1/sessions/${source}/cancel`);
  });
});

describe("pin", () => {
  it("pins and unpins (204, idempotent), visible on the session", async () => {
    const id = await createSession(api);
    for (let i = 0; i < 2; i++) expect((await api.put(`/v1/sessions/${id}/pin`)).status).toBe(204);
    expect((await api.get(`/v1/sessions/${id}`)).json.is_pinned).toBe(true);
    for (let i = 0; i < 2; i++)
      expect((await api.delete(`/v1/sessions/${id}/pin`)).status).toBe(204);
    expect((await api.get(`/v1/sessions/${id}`)).json.is_pinned).toBe(false);
  });

  it("refuses a missing session and a malformed id", async () => {
    expectProblem(await api.put(`/v1/sessions/${MISSING}/pin`), 404, "session_not_found");
    expectProblem(await api.delete(`/v1/sessions/${MISSING}/pin`), 404, "session_not_found");
    expect((await api.put("/v1/sessions/not-an-id/pin")).status).toBe(400);
  });
});

describe("export", () => {
  it("streams the messages as JSON Lines, an attachment, equal line by line to messages.list", async () => {
    const id = await sessionWithHistory();
    const response = await fetch(`${server.url}/v1/sessions/${id}/export`, {
      headers: { authorization: "dev" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${id}.jsonl"`);
    const text = await response.text();
    expect(text.endsWith("\n")).toBe(true);
    const lines = text
      .slice(0, -1)
      .split("\n")
      .map((line) => JSON.parse(line));
    const listed = (await api.get(`/v1/sessions/${id}/messages`)).json.data;
    expect(lines).toHaveLength(listed.length);
    for (const [i, line] of lines.entries()) expect(line).toEqual(listed[i]);
  });

  it("exports an empty session as an empty body", async () => {
    const id = await createSession(api);
    const response = await api.get(`/v1/sessions/${id}/export?format=jsonl`);
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
  });

  it("refuses an unknown format (400) and a missing session (404)", async () => {
    const id = await createSession(api);
    expectProblem(
      await api.get(`/v1/sessions/${id}/export?format=csv`),
      400,
      "unsupported_export_format",
    );
    expectProblem(await api.get(`/v1/sessions/${MISSING}/export`), 404, "session_not_found");
  });
});

describe("storage", () => {
  const VALUE_A = "sk-value-A-7f1d2c9e";
  const VALUE_B = "sk-value-B-0b8e4a6d";

  it("sets secrets in a batch, lists names only, overwrites, and survives nothing but names", async () => {
    lines.length = 0;
    const id = await createSession(api);
    const set = await api.put(`/v1/sessions/${id}/storage/secrets`, {
      secrets: { API_TOKEN: VALUE_A, "db.password": VALUE_B },
    });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ count: 2 });
    const listed = await api.get(`/v1/sessions/${id}/storage/secrets`);
    assertMatchesSchema("SecretInfoList", listed.json);
    expect(listed.json.data.map((s: { name: string }) => s.name)).toEqual([
      "API_TOKEN",
      "db.password",
    ]);
    const again = await api.put(`/v1/sessions/${id}/storage/secrets`, {
      secrets: { API_TOKEN: VALUE_B },
    });
    expect(again.json).toEqual({ count: 1 });
    const keys = await api.get(`/v1/sessions/${id}/storage/keys`);
    expect(keys.status).toBe(200);
    expect(keys.json).toEqual({ data: [] });
    // A bad batch echoes neither value; nor does anything else the session answers.
    const bad = await api.put(`/v1/sessions/${id}/storage/secrets`, {
      secrets: { "bad name!": VALUE_A, OK: 42 },
    });
    expectProblem(bad, 400, "validation_failed");
    const fork = (await api.post(`/v1/sessions/${id}/fork`, {})).json;
    const everything = [
      set.text,
      listed.text,
      again.text,
      bad.text,
      JSON.stringify(fork),
      (await api.get(`/v1/sessions/${id}`)).text,
      (await api.get(`/v1/sessions/${id}/events`)).text,
      (await api.get(`/v1/sessions/${id}/export`)).text,
      (await api.get(`/v1/sessions/${id}/context-report`)).text,
      (await api.get(`/v1/sessions/${fork.id}/storage/secrets`)).text,
      lines.join("\n"),
    ].join("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(VALUE_A);
    expect(everything).not.toContain(VALUE_B);
    // The fork kept the names.
    expect(everything).toContain("db.password");
  });

  it("refuses an empty batch, a non-object, a missing session", async () => {
    const id = await createSession(api);
    expectProblem(
      await api.put(`/v1/sessions/${id}/storage/secrets`, { secrets: {} }),
      400,
      "validation_failed",
    );
    expectProblem(
      await api.put(`/v1/sessions/${id}/storage/secrets`, { secrets: "x" }),
      400,
      "validation_failed",
    );
    expectProblem(
      await api.put(`/v1/sessions/${MISSING}/storage/secrets`, { secrets: { A: "b" } }),
      404,
      "session_not_found",
    );
    expectProblem(
      await api.get(`/v1/sessions/${MISSING}/storage/secrets`),
      404,
      "session_not_found",
    );
    expectProblem(await api.get(`/v1/sessions/${MISSING}/storage/keys`), 404, "session_not_found");
  });
});

describe("stats, context report, events summary, participants", () => {
  it("counts sessions by status, and the counts move when a session is created", async () => {
    const before = await api.get("/v1/sessions/stats");
    expect(before.status).toBe(200);
    assertMatchesSchema("SessionStats", before.json);
    await createSession(api);
    const after = (await api.get("/v1/sessions/stats")).json;
    expect(after.total).toBe(before.json.total + 1);
    expect(after.started).toBe(before.json.started + 1);
    expect(after.total).toBe(
      after.started + after.active + after.idle + after.waiting_for_tool_results,
    );
  });

  it("reports the context by section, growing with the history", async () => {
    const id = await createSession(api, { system_prompt: "You are a careful assistant." });
    const empty = (await api.get(`/v1/sessions/${id}/context-report`)).json;
    assertMatchesSchema("SessionContextReport", empty);
    expect(empty.sections.map((s: { key: string }) => s.key)).toEqual([
      "system_prompt",
      "tools",
      "messages",
    ]);
    expect(empty.sections[2].items).toBe(0);
    await sendMessage(api, id, "tell me something");
    await waitForTurnEnds(api, id);
    const full = (await api.get(`/v1/sessions/${id}/context-report`)).json;
    expect(full.sections[2].items).toBe(2);
    expect(full.estimated_input_tokens).toBeGreaterThan(empty.estimated_input_tokens);
    const sum = full.sections.reduce((n: number, s: { tokens: number }) => n + s.tokens, 0);
    expect(full.estimated_input_tokens).toBe(sum);
    expectProblem(
      await api.get(`/v1/sessions/${MISSING}/context-report`),
      404,
      "session_not_found",
    );
  });

  it("summarises events by type, agreeing with the event list", async () => {
    const id = await createSession(api);
    await sendMessage(api, id, "one");
    await sendMessage(api, id, "two [simulate:fail]");
    await waitForTurnEnds(api, id, 2);
    const summary = await api.get(`/v1/sessions/${id}/events/summary`);
    expect(summary.status).toBe(200);
    assertMatchesSchema("EventsSummary", summary.json);
    const events = (await api.get(`/v1/sessions/${id}/events`)).json.data as {
      type: string;
      ts: string;
    }[];
    const counted = new Map<string, number>();
    for (const event of events) counted.set(event.type, (counted.get(event.type) ?? 0) + 1);
    expect(summary.json.total).toBe(events.length);
    expect(
      new Map(
        summary.json.by_type.map((r: { event_type: string; count: number }) => [
          r.event_type,
          r.count,
        ]),
      ),
    ).toEqual(counted);
    expect(summary.json.turn_count).toBe(2);
    expect(summary.json.error_count).toBe(1);
    expect(summary.json.first_ts).toBe(events[0]?.ts);
    expectProblem(
      await api.get(`/v1/sessions/${MISSING}/events/summary`),
      404,
      "session_not_found",
    );
  });

  it("lists the owner as host, and the agent as member when there is one", async () => {
    const plain = await createSession(api);
    const alone = await api.get(`/v1/sessions/${plain}/participants`);
    expect(alone.status).toBe(200);
    expect(alone.json.map((p: { kind: string; role: string }) => [p.kind, p.role])).toEqual([
      ["user", "host"],
    ]);
    const agent = (await api.post("/v1/agents", { name: "participant-agent", system_prompt: "hi" }))
      .json;
    const withAgent = await createSession(api, { agent_id: agent.id });
    const both = (await api.get(`/v1/sessions/${withAgent}/participants`)).json;
    for (const participant of both) assertMatchesSchema("SessionParticipant", participant);
    expect(
      both.map((p: { kind: string; agent_id: string | null }) => [p.kind, p.agent_id]),
    ).toEqual([
      ["user", null],
      ["agent", agent.id],
    ]);
    expectProblem(await api.get(`/v1/sessions/${MISSING}/participants`), 404, "session_not_found");
  });
});

describe("durability", () => {
  it("keeps pins, secrets and forks across a restart", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "everruns-control-"));
    const db = join(dir, "dev.db");
    try {
      const first = await startTestServer({ db });
      const a = apiClient(first);
      const id = await createSession(a);
      await a.put(`/v1/sessions/${id}/pin`);
      await a.put(`/v1/sessions/${id}/storage/secrets`, { secrets: { KEEP: "v" } });
      const fork = (await a.post(`/v1/sessions/${id}/fork`, {})).json.id as string;
      await first.close();
      const second = await startTestServer({ db });
      const b = apiClient(second);
      expect((await b.get(`/v1/sessions/${id}`)).json.is_pinned).toBe(true);
      expect(
        (await b.get(`/v1/sessions/${id}/storage/secrets`)).json.data.map(
          (s: { name: string }) => s.name,
        ),
      ).toEqual(["KEEP"]);
      expect((await b.get(`/v1/sessions/${fork}`)).json.forked_from_session_id).toBe(id);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
