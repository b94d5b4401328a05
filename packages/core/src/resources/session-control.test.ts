// Wire shape of the session-control helpers (method, path, query, body) against a recording
// server. Their behaviour against the dev server is tested in
// packages/dev-server/src/http/routes/session-control.client.test.ts (core cannot depend on it).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Everruns } from "../client.js";
import { ValidationError } from "../errors/client-errors.js";
import { SESSION_ID, session } from "../test-support/fixtures.js";
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
  client = new Everruns({ baseUrl: server.url, apiKey: "evr_pat_wire", maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const last = () => {
  const request = server.requests.at(-1);
  if (!request) throw new Error("no request");
  return { ...request, json: request.body ? JSON.parse(request.body) : undefined };
};
const noContent = () => (_req: unknown, res: import("node:http").ServerResponse) => {
  res.writeHead(204);
  res.end();
};

describe("session control on the wire", () => {
  it("fork posts the overrides (an empty object by default)", async () => {
    server.respondWith(json(201, { ...session, forked_from_session_id: SESSION_ID }));
    const fork = await client.sessions.fork(SESSION_ID);
    expect(fork.forked_from_session_id).toBe(SESSION_ID);
    expect(last()).toMatchObject({
      method: "POST",
      path: `/v1/sessions/${SESSION_ID}/fork`,
      json: {},
    });
    await client.sessions.fork(SESSION_ID, { model_id: "m" });
    expect(last().json).toEqual({ model_id: "m" });
  });

  it("pin is a PUT and unpin a DELETE of /pin, both resolving on 204", async () => {
    server.respondWith(noContent());
    await expect(client.sessions.pin(SESSION_ID)).resolves.toBeUndefined();
    expect(last()).toMatchObject({ method: "PUT", path: `/v1/sessions/${SESSION_ID}/pin` });
    await client.sessions.unpin(SESSION_ID);
    expect(last()).toMatchObject({ method: "DELETE", path: `/v1/sessions/${SESSION_ID}/pin` });
  });

  it("export asks for jsonl and resolves with the text; exportStream with a byte stream", async () => {
    const body = '{"id":"a"}\n{"id":"b"}\n';
    server.respondWith(text(200, body, "application/x-ndjson"));
    expect(await client.sessions.export(SESSION_ID)).toBe(body);
    expect(last().url).toBe(`/v1/sessions/${SESSION_ID}/export?format=jsonl`);
    const stream = await client.sessions.exportStream(SESSION_ID);
    expect(await new Response(stream).text()).toBe(body);
  });

  it("storage puts the batch under `secrets` and lists names and keys", async () => {
    server.respondWith(json(200, { count: 2 }));
    await client.sessions.storage.setSecrets(SESSION_ID, { A: "1", B: "2" });
    expect(last()).toMatchObject({
      method: "PUT",
      path: `/v1/sessions/${SESSION_ID}/storage/secrets`,
      json: { secrets: { A: "1", B: "2" } },
    });
    server.respondWith(json(200, { data: [{ name: "A", created_at: "t", updated_at: "t" }] }));
    const names = await client.sessions.storage.listSecrets(SESSION_ID);
    expect(names.data.map((s) => s.name)).toEqual(["A"]);
    expect(last()).toMatchObject({
      method: "GET",
      path: `/v1/sessions/${SESSION_ID}/storage/secrets`,
    });
    server.respondWith(json(200, { data: [] }));
    await client.sessions.storage.listKeys(SESSION_ID);
    expect(last().path).toBe(`/v1/sessions/${SESSION_ID}/storage/keys`);
  });

  it("stats, context, eventsSummary and participants GET their paths", async () => {
    server.respondWith(json(200, {}));
    await client.sessions.stats();
    expect(last().path).toBe("/v1/sessions/stats");
    await client.sessions.context(SESSION_ID);
    expect(last().path).toBe(`/v1/sessions/${SESSION_ID}/context-report`);
    await client.sessions.eventsSummary(SESSION_ID);
    expect(last().path).toBe(`/v1/sessions/${SESSION_ID}/events/summary`);
    server.respondWith(json(200, []));
    await client.sessions.participants(SESSION_ID);
    expect(last().path).toBe(`/v1/sessions/${SESSION_ID}/participants`);
  });

  it("refuses an empty session id before sending anything", async () => {
    for (const call of [
      () => client.sessions.fork(""),
      () => client.sessions.pin(""),
      () => client.sessions.export(""),
      () => client.sessions.storage.setSecrets("", { A: "1" }),
      () => client.sessions.context(""),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(ValidationError);
    }
    expect(server.requests).toHaveLength(0);
  });
});
