// Wire shape of client.tasks against a recording server; behaviour against the dev server is in
// packages/dev-server/src/http/routes/tasks.client.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Everruns } from "../client.js";
import { ValidationError } from "../errors/client-errors.js";
import {
  json,
  type RecordingServer,
  startRecordingServer,
} from "../test-support/recording-server.js";

const SESSION = "session_0196831a20837ddbb05fd8f6d0c8f64a";
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

describe("client.tasks on the wire", () => {
  it("list and listAll send their filters as query parameters", async () => {
    server.respondWith(json(200, []));
    await client.tasks.list(SESSION, { state: "running", kind: "subagent" });
    expect(last().url).toBe(`/v1/sessions/${SESSION}/tasks?state=running&kind=subagent`);
    await client.tasks.listAll({ root_session_id: SESSION, limit: 5 });
    expect(last().url).toBe(`/v1/tasks?root_session_id=${SESSION}&limit=5`);
  });

  it("get, cancel and postMessage use the task's paths; a string message becomes { text }", async () => {
    server.respondWith(json(200, {}));
    await client.tasks.get(SESSION, "task_1", { after_id: "m1" });
    expect(last().url).toBe(`/v1/sessions/${SESSION}/tasks/task_1?after_id=m1`);
    await client.tasks.cancel(SESSION, "task_1");
    expect(last()).toMatchObject({
      method: "POST",
      path: `/v1/sessions/${SESSION}/tasks/task_1/cancel`,
    });
    await client.tasks.postMessage(SESSION, "task_1", "hello");
    expect(last()).toMatchObject({ method: "POST", json: { text: "hello" } });
  });

  it("refuses empty ids and text together with content before sending", async () => {
    await expect(client.tasks.get(SESSION, "")).rejects.toBeInstanceOf(ValidationError);
    await expect(
      client.tasks.postMessage(SESSION, "task_1", {
        text: "a",
        content: [{ type: "text", text: "b" }],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
