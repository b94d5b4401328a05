import {
  ConflictError,
  Everruns,
  NotFoundError,
  type SessionEvent,
  type SessionEventOf,
} from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "./start-dev-server.js";
import { startTestServer } from "./test-support/test-server.js";

let server: DevServer;
let client: Everruns;

beforeAll(async () => {
  server = await startTestServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
});
afterAll(() => server.close());

async function eventsUntil(
  sessionId: string,
  done: (event: SessionEvent) => boolean,
): Promise<SessionEvent[]> {
  const seen: SessionEvent[] = [];
  for (let attempt = 0; attempt < 500; attempt++) {
    const last = seen.at(-1);
    const page = await client.events.list(sessionId, last ? { since_id: last.id } : {});
    seen.push(...page.data);
    if (seen.some(done)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the turn did not end");
}

describe("the notebook's quickstart flow through @everruns/core", () => {
  it("creates an agent and a session, sends a message and reads events until turn.completed", async () => {
    const suffix = Math.random().toString(16).slice(2, 10).padEnd(8, "0");
    const agent = await client.agents.create({
      name: `sdk-notebook-${suffix}`,
      display_name: "SDK notebook",
      system_prompt: "You are a concise assistant for the SDK notebook.",
    });
    const session = await client.sessions.create({
      harness_name: "generic",
      agent_id: agent.id,
      title: "SDK notebook quickstart",
    });
    expect(session.agent_id).toBe(agent.id);
    const message = await client.messages.create(session.id, "What can you do?");
    expect(message.id).toMatch(/^message_/);

    const events = await eventsUntil(session.id, (event) => event.type === "turn.completed");
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, i) => i + 1));
    const completed = events.find(
      (event): event is SessionEventOf<"output.message.completed"> =>
        event.type === "output.message.completed",
    );
    const text = completed?.data.message.content
      .map((part) => (part.type === "text" ? part.text : ""))
      .join("");
    expect(text).toContain("What can you do?");
    expect((await client.messages.list(session.id)).data).toHaveLength(2);
  });

  it("maps the server's refusals to the client's typed errors", async () => {
    await expect(
      client.sessions.get("session_0190a0a0a0a07000800000000000dead"),
    ).rejects.toBeInstanceOf(NotFoundError);
    const session = await client.sessions.create({});
    await expect(
      client.sessions.submitToolResults(session.id, [{ tool_call_id: "call_x", result: 1 }]),
    ).rejects.toBeInstanceOf(ConflictError);
    const wrongKey = new Everruns({ baseUrl: server.url, apiKey: "not-the-key", maxRetries: 0 });
    await expect(wrongKey.agents.list()).rejects.toMatchObject({ status: 401 });
  });

  it("works under /api as well, and pages through agents", async () => {
    const viaApi = new Everruns({ baseUrl: `${server.url}/api`, apiKey: "dev" });
    for (const n of [1, 2, 3])
      await viaApi.agents.create({ name: `paging-${n}`, system_prompt: "x" });
    const names = (await (await viaApi.agents.list({ search: "paging-", limit: 2 })).toArray()).map(
      (a) => a.name,
    );
    expect(names).toEqual(["paging-3", "paging-2", "paging-1"]);
    const harnesses = await viaApi.harnesses.list();
    expect(harnesses.data.map((h) => h.name)).toEqual(["generic"]);
  });
});
