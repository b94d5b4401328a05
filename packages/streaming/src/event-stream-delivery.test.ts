import { Everruns, type SessionEvent } from "@everruns/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { streamEvents } from "./event-stream.js";
import type { StreamWarning } from "./stream-options.js";
import { deltaEvents, SESSION_ID, seededRandom } from "./test-support/events.js";
import {
  CONNECTED_FRAME,
  disconnectingFrame,
  type Exchange,
  eventFrame,
  type SseTestServer,
  startSseServer,
} from "./test-support/sse-server.js";
import { fastForwardReconnects, take, useFakeTimeouts } from "./test-support/stream-helpers.js";

let server: SseTestServer;
let client: Everruns;

beforeAll(async () => {
  server = await startSseServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "dev", maxRetries: 0 });
});
afterAll(() => server.close());
afterEach(() => {
  vi.useRealTimers();
  server.requests.length = 0;
});

/** A session log served the way the API does: replay after `since_id`, then live. */
function logServer(log: SessionEvent[], serve: (x: Exchange, pending: SessionEvent[]) => void) {
  return (x: Exchange) => {
    const start = x.sinceId === undefined ? 0 : log.findIndex((e) => e.id === x.sinceId) + 1;
    x.open();
    x.write(CONNECTED_FRAME);
    serve(x, log.slice(start));
  };
}

/**
 * Answers each connection with `perCycle` events and a `disconnecting` frame in one write, then
 * ends it, `endAfterMs` later when given (as a server does once its write is flushed).
 */
function cyclingServer(log: SessionEvent[], perCycle: number, endAfterMs?: number) {
  return logServer(log, (x, pending) => {
    const batch = pending.slice(0, perCycle);
    x.write(
      batch.map((e) => eventFrame(e)).join("") +
        disconnectingFrame({ reason: "connection_cycle", retry_ms: 0 }),
    );
    if (endAfterMs === undefined) x.end();
    else setTimeout(() => x.end(), endAfterMs);
  });
}

describe("graceful reconnects (real time)", () => {
  it("reuses one HTTP connection across graceful reconnects", async () => {
    const log = deltaEvents(10);
    // The body ends a moment after `disconnecting`: a client that cancels it instead of reading
    // it to the end loses the connection.
    server.play(cyclingServer(log, 2, 20));
    const before = server.socketsOpened;
    const events = await take(streamEvents(client, SESSION_ID), 10);
    expect(events).toEqual(log);
    expect(server.requests.length).toBeGreaterThanOrEqual(5);
    expect(server.socketsOpened - before).toBe(1);
    expect(new Set(server.requests.map((r) => r.socketNumber)).size).toBe(1);
  });

  it("survives 100 planned disconnects in a row with maxRetries: 1", async () => {
    const log = deltaEvents(200);
    server.play(cyclingServer(log, 2));
    const warnings: StreamWarning[] = [];
    const stream = streamEvents(client, SESSION_ID, {
      maxRetries: 1,
      onWarning: (w) => warnings.push(w),
    });
    const events = await take(stream, 200);
    expect(events).toEqual(log);
    expect(server.requests.length).toBeGreaterThanOrEqual(100);
    expect(warnings).toEqual([]);
    expect(stream.retryCount).toBe(0);
    // Each reconnect resumed right after the last event of the previous connection.
    for (let i = 1; i < 100; i++) {
      expect(server.requests[i]?.query.get("since_id")).toBe(log[2 * i - 1]?.id);
    }
  });
});

describe("exactly-once delivery", () => {
  it("delivers 5,000 events once each, in order, through random cuts (mid-frame included) and planned cycles", async () => {
    useFakeTimeouts();
    const log = deltaEvents(5_000);
    const random = seededRandom(20261123);
    let cuts = 0;
    let cycles = 0;
    server.play(
      logServer(log, (x, pending) => {
        if (pending.length === 0) return; // caught up: stay open, like a live session
        const batch = pending.slice(0, 1 + Math.floor(random() * 400));
        const text = batch.map((e) => eventFrame(e)).join("");
        if (random() < 0.2) {
          cycles++;
          // Events and disconnecting in one write: the trap that loses events in other SDKs.
          x.write(text + disconnectingFrame({ reason: "connection_cycle", retry_ms: 0 }));
          x.end();
          return;
        }
        cuts++;
        const cutAt = Math.floor(random() * text.length);
        const splitAt = Math.floor(random() * cutAt);
        x.write(text.slice(0, splitAt));
        x.res.write(text.slice(splitAt, cutAt), () => x.cut());
      }),
    );
    const hooks = fastForwardReconnects(0);
    const stream = streamEvents(client, SESSION_ID, hooks);
    const events = await take(stream, log.length);
    expect(events.map((e) => e.sequence)).toEqual(log.map((e) => e.sequence));
    expect(events).toEqual(log);
    expect(stream.lastEventId).toBe(log.at(-1)?.id);
    // The run really exercised both paths, several times each.
    expect(cuts).toBeGreaterThan(5);
    expect(cycles).toBeGreaterThan(2);
    expect(
      hooks.warnings.every(
        (w) => w.kind === "unexpected_disconnect" || w.kind === "connect_failed",
      ),
    ).toBe(true);
  });
});

describe("a server whose sequence misbehaves", () => {
  it("delivers every event after one absurd sequence (2^53 - 1), with a warning, and still no repeat", async () => {
    const absurd: SessionEvent = {
      ...(deltaEvents(1, 3)[0] as SessionEvent),
      sequence: 2 ** 53 - 1,
    };
    const log = [...deltaEvents(2), absurd, ...deltaEvents(3, 4)];
    // The first connection sends everything, then breaks; the second replays the whole log
    // (as a server that lost `since_id` would): all of it is repeats.
    server.play(
      (x) => {
        x.open();
        x.write(CONNECTED_FRAME + log.map((e) => eventFrame(e)).join(""));
        x.end();
      },
      (x) => {
        x.open();
        x.write(CONNECTED_FRAME + log.map((e) => eventFrame(e)).join(""));
        x.write(eventFrame(deltaEvents(1, 7)[0] as SessionEvent));
      },
    );
    useFakeTimeouts();
    const hooks = fastForwardReconnects(0);
    const events = await take(streamEvents(client, SESSION_ID, hooks), 7);
    expect(events).toEqual([...log, ...deltaEvents(1, 7)]);
    const order = hooks.warnings.filter((w) => w.kind === "sequence_regression");
    expect(order).toHaveLength(2); // once per connection
    expect(order[0]?.message).toContain(log[3]?.id);
    expect(hooks.warnings.filter((w) => w.kind === "stale_event")).toEqual([]);
  });
});
