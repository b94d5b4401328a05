import type { SessionEvent } from "@everruns/core";
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
const MISSING_SESSION = "session_0190a0b0c0d07000800000000000ffff";

beforeAll(async () => {
  server = await startTestServer();
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

/** A session whose message started a simulated task; returns both ids. */
async function sessionWithTask(): Promise<{ sessionId: string; taskId: string }> {
  const sessionId = await createSession(api);
  await sendMessage(api, sessionId, "[simulate:task] look into it");
  await waitForTurnEnds(api, sessionId);
  const tasks = (await api.get(`/v1/sessions/${sessionId}/tasks`)).json;
  return { sessionId, taskId: tasks[0].id };
}

const taskEvents = async (sessionId: string) =>
  ((await api.get(`/v1/sessions/${sessionId}/events`)).json.data as SessionEvent[]).filter(
    (event) => event.type.startsWith("task."),
  );

describe("a session's tasks", () => {
  it("[simulate:task] starts a running task, listed, fetched, and announced by task.created", async () => {
    const { sessionId, taskId } = await sessionWithTask();
    const listed = await api.get(`/v1/sessions/${sessionId}/tasks`);
    expect(listed.status).toBe(200);
    expect(listed.json).toHaveLength(1);
    assertMatchesSchema("SessionTask", listed.json[0]);
    expect(listed.json[0]).toMatchObject({
      session_id: sessionId,
      state: "running",
      kind: "simulated",
    });
    const detail = await api.get(`/v1/sessions/${sessionId}/tasks/${taskId}`);
    assertMatchesSchema("SessionTaskDetail", detail.json);
    expect(detail.json.messages).toEqual([]);
    const events = await taskEvents(sessionId);
    expect(events.map((event) => event.type)).toEqual(["task.created"]);
    for (const event of events) assertMatchesSchema("SessionEvent", event);
    expect((await api.get(`/v1/sessions/${sessionId}/tasks?state=canceled`)).json).toEqual([]);
    expect((await api.get(`/v1/sessions/${sessionId}/tasks?kind=simulated`)).json).toHaveLength(1);
  });

  it("a message to the task is stored with the task's answer, and emitted as task.message.* and task.updated", async () => {
    const { sessionId, taskId } = await sessionWithTask();
    const posted = await api.post(`/v1/sessions/${sessionId}/tasks/${taskId}/messages`, {
      text: "status?",
    });
    expect(posted.status).toBe(200);
    assertMatchesSchema("TaskMessage", posted.json);
    expect(posted.json).toMatchObject({
      task_id: taskId,
      direction: "inbound",
      content: [{ type: "text", text: "status?" }],
    });
    await api.post(`/v1/sessions/${sessionId}/tasks/${taskId}/messages`, {
      content: [{ type: "data", data: { n: 1 } }],
    });
    const detail = (await api.get(`/v1/sessions/${sessionId}/tasks/${taskId}`)).json;
    expect(detail.messages.map((m: { direction: string }) => m.direction)).toEqual([
      "inbound",
      "outbound",
      "inbound",
      "outbound",
    ]);
    expect(detail.messages[1].in_reply_to).toBe(posted.json.id);
    expect(detail.task.progress.current).toBe(2);
    const page = (
      await api.get(
        `/v1/sessions/${sessionId}/tasks/${taskId}?after_id=${detail.messages[1].id}&limit=1`,
      )
    ).json;
    expect(page.messages.map((m: { id: string }) => m.id)).toEqual([detail.messages[2].id]);
    const types = (await taskEvents(sessionId)).map((event) => event.type);
    expect(types).toEqual([
      "task.created",
      "task.message.sent",
      "task.message.received",
      "task.updated",
      "task.message.sent",
      "task.message.received",
      "task.updated",
    ]);
    const filtered = await api.get(`/v1/sessions/${sessionId}/events?types=task.message.received`);
    expect(filtered.json.data).toHaveLength(2);
  });

  it("cancel ends the task (task.updated, canceled), is idempotent, and a message after it is refused with 409", async () => {
    const { sessionId, taskId } = await sessionWithTask();
    const canceled = await api.post(`/v1/sessions/${sessionId}/tasks/${taskId}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.json).toMatchObject({ state: "canceled" });
    expect(canceled.json.finished_at).toBeTruthy();
    const again = await api.post(`/v1/sessions/${sessionId}/tasks/${taskId}/cancel`);
    expect(again.json).toEqual(canceled.json);
    expectProblem(
      await api.post(`/v1/sessions/${sessionId}/tasks/${taskId}/messages`, { text: "hello?" }),
      409,
      "task_finished",
    );
    const updates = (await taskEvents(sessionId)).filter((event) => event.type === "task.updated");
    expect(updates).toHaveLength(1);
  });

  it("refuses unknown sessions and tasks (404) and empty, conflicting or malformed messages (400)", async () => {
    const { sessionId, taskId } = await sessionWithTask();
    expectProblem(await api.get(`/v1/sessions/${MISSING_SESSION}/tasks`), 404, "session_not_found");
    expectProblem(
      await api.get(`/v1/sessions/${sessionId}/tasks/task_nope`),
      404,
      "task_not_found",
    );
    expectProblem(
      await api.post(`/v1/sessions/${sessionId}/tasks/task_nope/cancel`),
      404,
      "task_not_found",
    );
    const other = await createSession(api);
    expectProblem(await api.get(`/v1/sessions/${other}/tasks/${taskId}`), 404, "task_not_found");
    const post = (body: unknown) =>
      api.post(`/v1/sessions/${sessionId}/tasks/${taskId}/messages`, body);
    expectProblem(await post({}), 400, "empty_message");
    expectProblem(
      await post({ text: "a", content: [{ type: "text", text: "b" }] }),
      400,
      "conflicting_fields",
    );
    expectProblem(await post({ text: "" }), 400, "validation_failed");
    expectProblem(await post({ content: [{ type: "image" }] }), 400, "validation_failed");
    expectProblem(
      await api.get(`/v1/sessions/${sessionId}/tasks?state=sleeping`),
      400,
      "validation_failed",
    );
  });
});

describe("the organization's tasks", () => {
  it("lists every session's tasks newest first, filtered by state, session and limit", async () => {
    const first = await sessionWithTask();
    const second = await sessionWithTask();
    await api.post(`/v1/sessions/${first.sessionId}/tasks/${first.taskId}/cancel`);
    const all = (await api.get("/v1/tasks")).json as { id: string; state: string }[];
    const ids = all.map((task) => task.id);
    expect(ids.indexOf(second.taskId)).toBeLessThan(ids.indexOf(first.taskId));
    const canceled = (await api.get("/v1/tasks?state=canceled")).json as { id: string }[];
    expect(canceled.map((task) => task.id)).toContain(first.taskId);
    expect(canceled.map((task) => task.id)).not.toContain(second.taskId);
    const ofSession = (await api.get(`/v1/tasks?root_session_id=${second.sessionId}`)).json;
    expect(ofSession.map((task: { id: string }) => task.id)).toEqual([second.taskId]);
    expect((await api.get("/v1/tasks?limit=1")).json).toHaveLength(1);
    expectProblem(await api.get("/v1/tasks?limit=0"), 400, "validation_failed");
    expectProblem(await api.get("/v1/tasks?created_after=yesterday"), 400, "validation_failed");
  });
});
