import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  collectSse,
  createSession,
  sendMessage,
  sseEvents,
  startTestServer,
  waitForTurnEnds,
} from "../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(() => server.close());

const sseUrl = (sessionId: string, query = "") =>
  `${server.url}/v1/sessions/${sessionId}/sse${query}`;
const isTurnEnd = (type: string | undefined) => type === "turn.completed" || type === "turn.failed";

describe("SSE", () => {
  it("opens with connected, then replays the whole session as event/id/retry/data frames", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "hello");
    const stored = (await waitForTurnEnds(api, sessionId)).map((event) => event.id);

    const result = await collectSse(sseUrl(sessionId), {
      until: (frames) => frames.length > stored.length,
    });
    expect(result.status).toBe(200);
    expect(result.contentType).toMatch(/^text\/event-stream/);
    expect(result.frames[0]).toEqual({
      event: "connected",
      retry: expect.any(String),
      data: '{"status":"connected"}',
    });
    const events = result.frames.slice(1);
    expect(events.map((frame) => frame.id)).toEqual(stored);
    for (const frame of events) {
      const event = JSON.parse(frame.data ?? "");
      expect(frame.event).toBe(event.type);
      expect(frame.id).toBe(event.id);
      expect(["100", "500"]).toContain(frame.retry);
    }
  });

  it("delivers a live turn without gaps or duplicates, in sequence", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "before connecting");
    const collecting = collectSse(sseUrl(sessionId), {
      until: (frames) => sseEvents(frames).filter((event) => isTurnEnd(event.type)).length >= 3,
    });
    await sendMessage(api, sessionId, "while connected");
    await sendMessage(api, sessionId, "[simulate:think] one more");
    const events = sseEvents((await collecting).frames);
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, i) => i + 1));
    const stored = (await api.get(`/v1/sessions/${sessionId}/events`)).json.data.map(
      (e: { id: string }) => e.id,
    );
    expect(events.map((event) => event.id)).toEqual(stored);
  });

  it("resumes after since_id with exactly the later events", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "hello");
    const stored = await waitForTurnEnds(api, sessionId);
    const middle = stored[5];
    const expected = stored.slice(6).map((event) => event.id);
    const result = await collectSse(sseUrl(sessionId, `?since_id=${middle?.id}`), {
      until: (frames) => frames.length > expected.length,
    });
    expect(sseEvents(result.frames).map((event) => event.id)).toEqual(expected);
  });

  it("keeps only the types asked for, then drops excluded ones (repeated keys)", async () => {
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "hello");
    await waitForTurnEnds(api, sessionId);
    const result = await collectSse(
      sseUrl(
        sessionId,
        "?types=turn.started&types=turn.completed&types=output.message.delta&exclude=output.message.delta",
      ),
      { until: (frames) => frames.some((frame) => frame.event === "turn.completed") },
    );
    expect(sseEvents(result.frames).map((event) => event.type)).toEqual([
      "turn.started",
      "turn.completed",
    ]);
  });

  it("refuses unknown event types and more than 25 types with 400 problem+json", async () => {
    const sessionId = await createSession(api);
    const unknown = await collectSse(sseUrl(sessionId, "?types=turn.exploded"));
    expect(unknown.status).toBe(400);
    expect(unknown.contentType).toBe("application/problem+json");
    const many = Array.from({ length: 26 }, () => "types=turn.started").join("&");
    expect((await collectSse(sseUrl(sessionId, `?${many}`))).status).toBe(400);
    expect((await collectSse(sseUrl(sessionId, "?exclude=nope"))).status).toBe(400);
  });

  it("answers 401 without a key and 404 for an unknown session", async () => {
    const sessionId = await createSession(api);
    const missing = await fetch(sseUrl(sessionId));
    expect(missing.status).toBe(401);
    expect((await collectSse(sseUrl(sessionId), { apiKey: "wrong" })).status).toBe(401);
    const unknown = await collectSse(sseUrl("session_0190a0a0a0a07000800000000000000a"));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body ?? "{}").code).toBe("session_not_found");
  });

  it("ends the stream when the session is deleted", async () => {
    const sessionId = await createSession(api);
    const collecting = collectSse(sseUrl(sessionId));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await api.delete(`/v1/sessions/${sessionId}`)).status).toBe(204);
    expect((await collecting).ended).toBe(true);
  });
});

describe("SSE connection lifetime", () => {
  it("sends : heartbeat comments at the configured interval", async () => {
    const quick = await startTestServer({ heartbeatMs: 20 });
    try {
      const sessionId = await createSession(apiClient(quick));
      const result = await collectSse(`${quick.url}/v1/sessions/${sessionId}/sse`, {
        until: (frames) => frames.filter((frame) => frame.comment === "heartbeat").length >= 2,
      });
      expect(result.frames[0]?.event).toBe("connected");
      expect(
        result.frames.filter((frame) => frame.comment === "heartbeat").length,
      ).toBeGreaterThanOrEqual(2);
    } finally {
      await quick.close();
    }
  });

  it("cycles a connection with a disconnecting frame, then ends it; since_id resumes", async () => {
    const quick = await startTestServer({ connectionCycleMs: 150 });
    try {
      const client = apiClient(quick);
      const sessionId = await createSession(client);
      await sendMessage(client, sessionId, "hello");
      const stored = await waitForTurnEnds(client, sessionId);
      const first = await collectSse(`${quick.url}/v1/sessions/${sessionId}/sse`);
      expect(first.ended).toBe(true);
      const last = first.frames.at(-1);
      expect(last?.event).toBe("disconnecting");
      expect(JSON.parse(last?.data ?? "")).toEqual({ reason: "connection_cycle", retry_ms: 100 });
      expect(sseEvents(first.frames)).toHaveLength(stored.length);

      await sendMessage(client, sessionId, "after the cycle");
      await waitForTurnEnds(client, sessionId, 2);
      const resumed = await collectSse(
        `${quick.url}/v1/sessions/${sessionId}/sse?since_id=${stored.at(-1)?.id}`,
      );
      const events = sseEvents(resumed.frames);
      expect(events[0]?.type).toBe("input.message");
      expect(events[0]?.sequence).toBe(stored.length + 1);
    } finally {
      await quick.close();
    }
  });
});
