import {
  AuthenticationError,
  Everruns,
  NotFoundError,
  PermissionDeniedError,
  SDK_NAME,
  SDK_VERSION,
  type SessionEvent,
} from "@everruns/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { streamEvents } from "./event-stream.js";
import type { StreamState, StreamWarning } from "./stream-options.js";
import { deltaEvent, deltaEvents, eventId, SESSION_ID } from "./test-support/events.js";
import {
  CONNECTED_FRAME,
  disconnectingFrame,
  type Exchange,
  eventFrame,
  HEARTBEAT,
  type SseTestServer,
  sends,
  sendsAndEnds,
  startSseServer,
} from "./test-support/sse-server.js";
import { take, until } from "./test-support/stream-helpers.js";

const TOKEN = "evr_pat_streaming_test_token_0001";
let server: SseTestServer;
let client: Everruns;

beforeAll(async () => {
  server = await startSseServer();
  client = new Everruns({ baseUrl: server.url, apiKey: TOKEN, orgId: "org_1", maxRetries: 0 });
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
});

const frames = (events: SessionEvent[]) => events.map((e) => eventFrame(e)).join("");

describe("connecting", () => {
  it("sends nothing until iteration starts", async () => {
    streamEvents(client, SESSION_ID);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toHaveLength(0);
  });

  it("uses the client's base URL, auth, organization and client headers, plus the SSE headers", async () => {
    server.play(sends(CONNECTED_FRAME + frames([deltaEvent(1)])));
    await take(streamEvents(client, SESSION_ID), 1);
    const [request] = server.requests;
    expect(request?.path).toBe(`/v1/sessions/${SESSION_ID}/sse`);
    expect(request?.headers.authorization).toBe(TOKEN);
    expect(request?.headers["x-org-id"]).toBe("org_1");
    expect(request?.headers["x-everruns-client"]).toBe(`${SDK_NAME}/${SDK_VERSION}`);
    expect(request?.headers.accept).toBe("text/event-stream");
    expect(request?.headers["cache-control"]).toBe("no-cache");
  });

  it.each([
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
  ] as const)(
    "a %i on connect fails at once with %o, without retrying",
    async (status, ErrorClass) => {
      server.play((x) => x.fail(status));
      const states: StreamState[] = [];
      const stream = streamEvents(client, SESSION_ID, { onStateChange: (s) => states.push(s) });
      const error = await take(stream, 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(server.requests).toHaveLength(1);
      expect(stream.state).toBe("closed");
      expect(states).toEqual(["closed"]);
    },
  );

  it("never puts the token in the error of a refused connection", async () => {
    server.play((x) => {
      x.res.writeHead(401, { "content-type": "application/problem+json" });
      x.res.end(
        JSON.stringify({ title: "Unauthorized", status: 401, detail: `bad token ${TOKEN}` }),
      );
    });
    const error = (await take(streamEvents(client, SESSION_ID), 1).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(TOKEN);
  });
});

describe("delivery", () => {
  it("yields each event typed as it arrived, and ignores heartbeats", async () => {
    const events = deltaEvents(3);
    server.play(sends(CONNECTED_FRAME + HEARTBEAT + frames(events) + HEARTBEAT));
    expect(await take(streamEvents(client, SESSION_ID), 3)).toEqual(events);
  });

  it("passes events of unknown types through untouched", async () => {
    const unknown = {
      id: eventId(1),
      type: "workflow.step.finished",
      ts: "2026-11-23T10:00:00Z",
      session_id: SESSION_ID,
      context: {},
      data: { step: 3, nested: { ok: true } },
    };
    server.play(
      sends(
        `${CONNECTED_FRAME}event: workflow.step.finished\nid: ${unknown.id}\ndata: ${JSON.stringify(unknown)}\n\n`,
      ),
    );
    expect(await take(streamEvents(client, SESSION_ID), 1)).toEqual([unknown]);
  });

  it("skips a malformed frame, reports it through onWarning, and goes on", async () => {
    const warnings: StreamWarning[] = [];
    server.play(
      sends(
        CONNECTED_FRAME +
          eventFrame(deltaEvent(1)) +
          "event: output.message.delta\nid: event_bad\ndata: {oops\n\n" +
          'event: output.message.delta\ndata: {"type":"output.message.delta"}\n\n' +
          eventFrame(deltaEvent(2)),
      ),
    );
    const stream = streamEvents(client, SESSION_ID, { onWarning: (w) => warnings.push(w) });
    expect((await take(stream, 2)).map((e) => e.id)).toEqual([eventId(1), eventId(2)]);
    expect(warnings.map((w) => w.kind)).toEqual(["malformed_frame", "malformed_frame"]);
    expect(warnings[0]?.message).toContain("event_bad");
  });

  it("lastEventId names the last event handed over, not the last one parsed", async () => {
    server.play(sends(CONNECTED_FRAME + frames(deltaEvents(3))));
    const stream = streamEvents(client, SESSION_ID);
    expect(stream.lastEventId).toBeUndefined();
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    // All three frames arrived in one write; only the first was handed over.
    expect(stream.lastEventId).toBe(eventId(1));
    await iterator.next();
    expect(stream.lastEventId).toBe(eventId(2));
    await iterator.return?.();
    expect(stream.lastEventId).toBe(eventId(2));
  });

  it("lastEventId starts at sinceId, which the first request resumes from", async () => {
    server.play(sends(CONNECTED_FRAME + frames([deltaEvent(8)])));
    const stream = streamEvents(client, SESSION_ID, { sinceId: eventId(7) });
    expect(stream.lastEventId).toBe(eventId(7));
    await take(stream, 1);
    expect(server.requests[0]?.query.get("since_id")).toBe(eventId(7));
    expect(stream.lastEventId).toBe(eventId(8));
  });

  it("can be iterated only once", () => {
    const stream = streamEvents(client, SESSION_ID);
    stream[Symbol.asyncIterator]();
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/only once/);
    stream.abort();
  });
});

describe("planned and unplanned reconnects (real time)", () => {
  it("delivers every event written in the same chunk as disconnecting, then resumes after the last one", async () => {
    server.play(
      sendsAndEnds(
        CONNECTED_FRAME +
          frames(deltaEvents(3)) +
          disconnectingFrame({ reason: "connection_cycle", retry_ms: 10 }),
      ),
      sends(CONNECTED_FRAME + frames([deltaEvent(4)])),
    );
    const warnings: StreamWarning[] = [];
    const stream = streamEvents(client, SESSION_ID, { onWarning: (w) => warnings.push(w) });
    const events = await take(stream, 4);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
    expect(server.requests.map((r) => r.query.get("since_id"))).toEqual([null, eventId(3)]);
    expect(stream.retryCount).toBe(0);
    expect(warnings).toEqual([]);
  });

  it("an unexpected end is a counted retry: warning, 1 s backoff, since_id of the last event", async () => {
    const warnings: StreamWarning[] = [];
    server.play(sendsAndEnds(CONNECTED_FRAME + frames(deltaEvents(2))), sends(CONNECTED_FRAME));
    const stream = streamEvents(client, SESSION_ID, { onWarning: (w) => warnings.push(w) });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    const third = iterator.next();
    await until(() => warnings.length === 1, 3_000, "the disconnect warning");
    expect(warnings[0]).toMatchObject({ kind: "unexpected_disconnect", delayMs: 1000 });
    expect(stream.retryCount).toBe(1);
    expect(stream.state).toBe("reconnecting");
    await until(() => server.requests.length === 2, 3_000, "the reconnect");
    expect(server.requests[1]?.query.get("since_id")).toBe(eventId(2));
    await until(() => stream.state === "live", 3_000, "live again");
    expect(stream.retryCount).toBe(0);
    stream.abort();
    expect(await third).toEqual({ done: true, value: undefined });
  });

  it("never hands over an event twice, even when a server replays it", async () => {
    server.play(
      sendsAndEnds(CONNECTED_FRAME + frames(deltaEvents(3)) + disconnectingFrame({ retry_ms: 0 })),
      // Ignores since_id and starts over from event 2.
      sends(CONNECTED_FRAME + frames(deltaEvents(3, 2))),
    );
    const events = await take(streamEvents(client, SESSION_ID), 4);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
  });

  it("goes connecting → live → reconnecting → live → closed", async () => {
    const states: StreamState[] = [];
    server.play(
      sendsAndEnds(CONNECTED_FRAME + frames([deltaEvent(1)]) + disconnectingFrame({ retry_ms: 0 })),
      sends(CONNECTED_FRAME + frames([deltaEvent(2)])),
    );
    const stream = streamEvents(client, SESSION_ID, { onStateChange: (s) => states.push(s) });
    expect(stream.state).toBe("connecting");
    await take(stream, 2);
    expect(states).toEqual(["live", "reconnecting", "live", "closed"]);
  });
});

describe("stopping", () => {
  let exchange: Exchange | undefined;
  const holdOpen = (x: Exchange) => {
    exchange = x;
    x.open();
    x.write(CONNECTED_FRAME + eventFrame(deltaEvent(1)));
  };

  it("leaving a for-await loop closes the HTTP request at once", async () => {
    server.play(holdOpen);
    for await (const _event of streamEvents(client, SESSION_ID)) break;
    await expect(exchange?.closed).resolves.toBeUndefined();
  });

  it("abort() mid-stream ends a pending read and closes the request", async () => {
    server.play(holdOpen);
    const stream = streamEvents(client, SESSION_ID);
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    stream.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(stream.state).toBe("closed");
    await expect(exchange?.closed).resolves.toBeUndefined();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it("the signal option aborts mid-stream the same way", async () => {
    server.play(holdOpen);
    const controller = new AbortController();
    const received: SessionEvent[] = [];
    const loop = (async () => {
      for await (const event of streamEvents(client, SESSION_ID, { signal: controller.signal }))
        received.push(event);
    })();
    await until(() => received.length === 1);
    controller.abort();
    await expect(loop).resolves.toBeUndefined();
    await expect(exchange?.closed).resolves.toBeUndefined();
  });

  it("an already aborted signal sends nothing", async () => {
    const events = await take(streamEvents(client, SESSION_ID, { signal: AbortSignal.abort() }), 1);
    expect(events).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});
