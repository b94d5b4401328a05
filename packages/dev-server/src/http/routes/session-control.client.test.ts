// The session-control operations through @everruns/core's helpers, against a real dev server.
import {
  BadRequestError,
  ConflictError,
  Everruns,
  NotFoundError,
  ValidationError,
} from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import { startTestServer } from "../../test-support/test-server.js";

let server: DevServer;
let client: Everruns;
const clientLog: string[] = [];
const serverLog: string[] = [];
const MISSING = "session_0190a0b0c0d07000800000000000ffff";

beforeAll(async () => {
  server = await startTestServer({ log: (line) => serverLog.push(line) });
  const record =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      clientLog.push(`${level} ${message} ${details.map((d) => JSON.stringify(d)).join(" ")}`);
  client = new Everruns({
    baseUrl: server.url,
    apiKey: "dev",
    maxRetries: 0,
    logLevel: "debug",
    logger: {
      error: record("error"),
      warn: record("warn"),
      info: record("info"),
      debug: record("debug"),
    },
  });
});
afterAll(() => server.close());

/** Waits until the session has `n` messages (both turns answered). */
async function settle(sessionId: string, n: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const summary = await client.sessions.eventsSummary(sessionId);
    const ended = summary.by_type
      .filter((row) => ["turn.completed", "turn.failed", "turn.cancelled"].includes(row.event_type))
      .reduce((sum, row) => sum + row.count, 0);
    if (ended >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("turns did not end");
}

async function sessionWithHistory() {
  const session = await client.sessions.create({ title: "sdk source" });
  const send = (text: string) =>
    client.messages.create(session.id, {
      message: { role: "user", content: [{ type: "text", text }] },
    });
  await send("first");
  await send("second");
  await settle(session.id, 2);
  return session;
}

describe("client.sessions control helpers on the dev server", () => {
  it("fork copies the history; pin/unpin show on get", async () => {
    const source = await sessionWithHistory();
    const fork = await client.sessions.fork(source.id, { tags: ["copy"] });
    expect(fork.forked_from_session_id).toBe(source.id);
    const [a, b] = await Promise.all([
      client.messages.list(source.id),
      client.messages.list(fork.id),
    ]);
    expect(b.data.map((m) => m.content)).toEqual(a.data.map((m) => m.content));
    await client.sessions.pin(fork.id);
    expect((await client.sessions.get(fork.id)).is_pinned).toBe(true);
    await client.sessions.unpin(fork.id);
    expect((await client.sessions.get(fork.id)).is_pinned).toBe(false);
  });

  it("export gives JSON Lines equal, line by line, to messages.list; exportStream gives the same bytes", async () => {
    const session = await sessionWithHistory();
    const text = await client.sessions.export(session.id);
    const listed = await client.messages.list(session.id);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(listed.data.length);
    for (const [i, line] of lines.entries()) expect(JSON.parse(line)).toEqual(listed.data[i]);
    const { data: stream, response } = await client.sessions
      .exportStream(session.id)
      .withResponse();
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const streamed = await new Response(stream).text();
    expect(streamed).toBe(text);
  });

  it("storage: setSecrets, listSecrets (names only), listKeys; the value appears in no answer and no log", async () => {
    const secret = "sdk-secret-value-93c1f0";
    const session = await client.sessions.create();
    expect(await client.sessions.storage.setSecrets(session.id, { TOKEN: secret })).toEqual({
      count: 1,
    });
    const names = await client.sessions.storage.listSecrets(session.id);
    expect(names.data.map((s) => s.name)).toEqual(["TOKEN"]);
    expect((await client.sessions.storage.listKeys(session.id)).data).toEqual([]);
    const refused = await client.sessions.storage
      .setSecrets(session.id, { "no spaces allowed": secret })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BadRequestError);
    const missing = await client.sessions.storage
      .setSecrets(MISSING, { TOKEN: secret })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
    const errorText = [refused, missing]
      .map((e) => `${String(e)} ${JSON.stringify((e as { body?: unknown }).body)}`)
      .join("\n");
    expect(clientLog.length).toBeGreaterThan(0);
    expect(serverLog.length).toBeGreaterThan(0);
    for (const haystack of [
      JSON.stringify(names.data),
      errorText,
      clientLog.join("\n"),
      serverLog.join("\n"),
    ]) {
      expect(haystack).not.toContain(secret);
    }
  });

  it("stats, context, eventsSummary and participants answer typed bodies", async () => {
    const session = await sessionWithHistory();
    const stats = await client.sessions.stats();
    expect(stats.total).toBeGreaterThan(0);
    expect(stats.idle).toBeGreaterThan(0);
    const context = await client.sessions.context(session.id);
    expect(context.sections.find((s) => s.key === "messages")?.items).toBe(4);
    const summary = await client.sessions.eventsSummary(session.id);
    expect(summary.turn_count).toBe(2);
    expect(summary.by_type.find((row) => row.event_type === "session.started")?.count).toBe(1);
    const participants = await client.sessions.participants(session.id);
    expect(participants.map((p) => p.role)).toEqual(["host"]);
  });

  it("refusals arrive as typed errors", async () => {
    await expect(client.sessions.fork(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.sessions.pin(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.sessions.unpin(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.sessions.export(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.sessions.context(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.sessions.eventsSummary(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.sessions.participants(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.sessions.storage.listSecrets(MISSING)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(client.sessions.storage.listKeys(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.sessions.pin("")).rejects.toBeInstanceOf(ValidationError);
    const busy = await client.sessions.create();
    await client.messages.create(busy.id, {
      message: { role: "user", content: [{ type: "text", text: "[simulate:slow] go" }] },
    });
    const conflict = await client.sessions.fork(busy.id).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).code).toBe("session_busy");
    await client.sessions.cancel(busy.id);
  });
});
