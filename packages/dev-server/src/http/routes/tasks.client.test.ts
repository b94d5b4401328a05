// client.tasks through @everruns/core against a real dev server.
import { ConflictError, Everruns, NotFoundError, ValidationError } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import { startTestServer } from "../../test-support/test-server.js";

let server: DevServer;
let client: Everruns;

beforeAll(async () => {
  server = await startTestServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "dev", maxRetries: 0 });
});
afterAll(() => server.close());

async function sessionWithTask() {
  const session = await client.sessions.create();
  await client.messages.create(session.id, {
    message: { role: "user", content: [{ type: "text", text: "[simulate:task] go" }] },
  });
  const tasks = await client.tasks.list(session.id);
  const task = tasks[0];
  if (!task) throw new Error("no task started");
  return { session, task };
}

describe("client.tasks on the dev server", () => {
  it("lists, gets, messages and cancels a session's task; listAll sees it", async () => {
    const { session, task } = await sessionWithTask();
    expect(task.state).toBe("running");
    const sent = await client.tasks.postMessage(session.id, task.id, "how far along?");
    expect(sent.direction).toBe("inbound");
    await client.tasks.postMessage(session.id, task.id, {
      content: [{ type: "data", data: { k: 1 } }],
    });
    const detail = await client.tasks.get(session.id, task.id);
    expect(detail.messages).toHaveLength(4);
    const firstTwo = await client.tasks.get(session.id, task.id, { limit: 2 });
    expect(firstTwo.messages.map((m) => m.id)).toEqual(
      detail.messages.slice(0, 2).map((m) => m.id),
    );
    const canceled = await client.tasks.cancel(session.id, task.id);
    expect(canceled.state).toBe("canceled");
    const all = await client.tasks.listAll({ root_session_id: session.id });
    expect(all.map((t) => [t.id, t.state])).toEqual([[task.id, "canceled"]]);
    const page = await client.events.list(session.id, { types: ["task.created", "task.updated"] });
    const types = page.data.map((event) => event.type);
    expect(types).toEqual(["task.created", "task.updated", "task.updated", "task.updated"]);
    const created = page.data[0];
    if (created?.type !== "task.created") throw new Error("expected task.created first");
    expect(created.data.task.id).toBe(task.id);
  });

  it("refusals are typed errors", async () => {
    const { session, task } = await sessionWithTask();
    await expect(client.tasks.get(session.id, "task_missing")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      client.tasks.list("session_0190a0b0c0d07000800000000000ffff"),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      client.tasks.postMessage(session.id, task.id, {
        text: "a",
        content: [{ type: "text", text: "b" }],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(client.tasks.cancel(session.id, "")).rejects.toBeInstanceOf(ValidationError);
    await client.tasks.cancel(session.id, task.id);
    const late = await client.tasks
      .postMessage(session.id, task.id, "still there?")
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(ConflictError);
    expect((late as ConflictError).code).toBe("task_finished");
  });
});
