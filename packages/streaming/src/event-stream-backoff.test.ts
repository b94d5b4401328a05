import { Everruns, InternalServerError, type SessionEvent } from "@everruns/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { streamEvents } from "./event-stream.js";
import { StreamIdleTimeoutError, StreamRetriesExhaustedError } from "./stream-errors.js";
import type { StreamWarning } from "./stream-options.js";
import { deltaEvent, eventId, SESSION_ID } from "./test-support/events.js";
import {
  CONNECTED_FRAME,
  type Exchange,
  eventFrame,
  HEARTBEAT,
  type Script,
  type SseTestServer,
  sends,
  sendsAndEnds,
  startSseServer,
} from "./test-support/sse-server.js";
import { settle, until, useFakeTimeouts } from "./test-support/stream-helpers.js";

// Every wait here is a fake setTimeout: the suite checks 30 s backoffs and 45 s idle timeouts
// without waiting for them.
let server: SseTestServer;
let client: Everruns;

beforeAll(async () => {
  server = await startSseServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "dev", maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => useFakeTimeouts());
afterEach(() => {
  vi.useRealTimers();
  server.requests.length = 0;
});

const fail503: Script = (x) => x.fail(503, "Service Unavailable");

/** Starts iterating in the background; returns what the caller needs to watch the stream. */
function iterate(options: Parameters<typeof streamEvents>[2] = {}) {
  const warnings: StreamWarning[] = [];
  const events: SessionEvent[] = [];
  const stream = streamEvents(client, SESSION_ID, {
    ...options,
    onWarning: (w) => warnings.push(w),
  });
  const done = (async () => {
    for await (const event of stream) events.push(event);
  })();
  done.catch(() => undefined);
  return { stream, warnings, events, done };
}

/** Shows that the next request comes exactly `delayMs` after the previous failure, not earlier. */
async function expectReconnectAfter(delayMs: number, requestsBefore: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(delayMs - 1);
  await settle();
  expect(server.requests).toHaveLength(requestsBefore);
  await vi.advanceTimersByTimeAsync(1);
  await until(
    () => server.requests.length === requestsBefore + 1,
    5_000,
    `request ${requestsBefore + 1}`,
  );
}

describe("backoff after failures", () => {
  it("waits 1, 2, 4, 8, 16 s, then 30 s between attempts, counting each retry", async () => {
    server.play(fail503);
    const { stream, warnings } = iterate();
    await until(() => warnings.length === 1);
    for (const [index, delay] of [1000, 2000, 4000, 8000, 16000, 30000, 30000].entries()) {
      expect(warnings[index]).toMatchObject({ kind: "connect_failed", delayMs: delay });
      expect(stream.retryCount).toBe(index + 1);
      await expectReconnectAfter(delay, index + 1);
      await until(() => warnings.length === index + 2);
    }
    expect(warnings[0]?.cause).toBeInstanceOf(InternalServerError);
    stream.abort();
  });

  it("starts over at 1 s after a connected frame", async () => {
    server.play(fail503, fail503, sendsAndEnds(CONNECTED_FRAME), fail503);
    const { stream, warnings } = iterate();
    await until(() => warnings.length === 1);
    await expectReconnectAfter(1000, 1);
    await until(() => warnings.length === 2);
    await expectReconnectAfter(2000, 2);
    await until(() => warnings.length === 3);
    // Request 3 said `connected`, then ended: a new failure series.
    expect(warnings[2]).toMatchObject({ kind: "unexpected_disconnect", delayMs: 1000 });
    expect(stream.retryCount).toBe(1);
    await expectReconnectAfter(1000, 3);
    stream.abort();
  });

  it("starts over at 1 s after an event, even without a connected frame", async () => {
    server.play(fail503, fail503, sendsAndEnds(eventFrame(deltaEvent(1))), fail503);
    const { stream, warnings, events } = iterate();
    await until(() => warnings.length === 1);
    await expectReconnectAfter(1000, 1);
    await until(() => warnings.length === 2);
    await expectReconnectAfter(2000, 2);
    await until(() => warnings.length === 3);
    expect(events).toHaveLength(1);
    expect(warnings[2]?.delayMs).toBe(1000);
    stream.abort();
  });

  it("honours a 429's Retry-After when it is longer than the backoff", async () => {
    server.play((x) => {
      x.res.writeHead(429, { "content-type": "application/problem+json", "retry-after": "5" });
      x.res.end(JSON.stringify({ title: "Too Many Requests", status: 429 }));
    });
    const { stream, warnings } = iterate();
    await until(() => warnings.length === 1);
    expect(warnings[0]?.delayMs).toBe(5000);
    await expectReconnectAfter(5000, 1);
    stream.abort();
  });
});

describe("maxRetries", () => {
  it("ends the stream with StreamRetriesExhaustedError, carrying the last cause, after maxRetries retries", async () => {
    server.play(fail503);
    const { stream, done } = iterate({ maxRetries: 2 });
    await until(() => server.requests.length === 1);
    await expectReconnectAfter(1000, 1);
    await expectReconnectAfter(2000, 2);
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamRetriesExhaustedError);
    expect((error as StreamRetriesExhaustedError).retries).toBe(2);
    expect((error as Error).cause).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/gave up after 2 retries: 503/);
    expect(server.requests).toHaveLength(3);
    expect(stream.state).toBe("closed");
  });

  it("maxRetries 0 ends at the first failure", async () => {
    server.play(fail503);
    const { done } = iterate({ maxRetries: 0 });
    await expect(done).rejects.toBeInstanceOf(StreamRetriesExhaustedError);
    expect(server.requests).toHaveLength(1);
  });

  it("is unlimited by default", async () => {
    server.play(fail503);
    const { stream, warnings } = iterate();
    for (let attempt = 1; attempt <= 12; attempt++) {
      await until(() => warnings.length === attempt);
      await vi.advanceTimersByTimeAsync(30_000);
    }
    await until(() => server.requests.length === 13);
    expect(stream.state).toBe("reconnecting");
    stream.abort();
  });
});

describe("idle timeout", () => {
  it("drops a connection that said connected then fell silent after 45 s, and resumes it", async () => {
    server.play(sends(CONNECTED_FRAME + eventFrame(deltaEvent(1))), sends(CONNECTED_FRAME));
    const { stream, warnings, events } = iterate();
    await until(() => events.length === 1);
    await vi.advanceTimersByTimeAsync(44_999);
    await settle();
    expect(warnings).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => warnings.length === 1);
    expect(warnings[0]).toMatchObject({ kind: "idle_timeout", delayMs: 1000 });
    expect(warnings[0]?.cause).toBeInstanceOf(StreamIdleTimeoutError);
    await expectReconnectAfter(1000, 1);
    expect(server.requests[1]?.query.get("since_id")).toBe(eventId(1));
    stream.abort();
  });

  it("counts heartbeat comments as activity: an idle session keeps one connection", async () => {
    let first: Exchange | undefined;
    server.play((x) => {
      first = x;
      x.open();
      x.write(CONNECTED_FRAME);
    }, sends(CONNECTED_FRAME));
    const { stream, warnings } = iterate();
    await until(() => first !== undefined);
    // Five minutes of 30 s heartbeats and nothing else: never idle, never a second request.
    for (let second = 30; second <= 300; second += 30) {
      await vi.advanceTimersByTimeAsync(30_000);
      first?.write(HEARTBEAT);
      // Real time for the comment to reach the client before the fake clock moves on.
      await settle(50);
    }
    expect(warnings).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(stream.state).toBe("live");
    // Once the heartbeats stop, the silence is noticed 45 s after the last one.
    await vi.advanceTimersByTimeAsync(44_999);
    await settle();
    expect(warnings).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => warnings.length === 1);
    expect(warnings[0]?.kind).toBe("idle_timeout");
    stream.abort();
  });

  it("does not count the time the caller spends on an event", async () => {
    server.play(sends(CONNECTED_FRAME + eventFrame(deltaEvent(1))), sends(CONNECTED_FRAME));
    const warnings: StreamWarning[] = [];
    const stream = streamEvents(client, SESSION_ID, { onWarning: (w) => warnings.push(w) });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    // The caller holds the event for a minute before asking for the next one.
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(warnings).toEqual([]);
    const next = iterator.next();
    await vi.advanceTimersByTimeAsync(45_000);
    await until(() => warnings.length === 1);
    expect(warnings[0]?.kind).toBe("idle_timeout");
    stream.abort();
    await next;
  });

  it("takes idleTimeoutMs", async () => {
    server.play(sends(CONNECTED_FRAME));
    const { stream, warnings } = iterate({ idleTimeoutMs: 5_000 });
    await until(() => server.requests.length === 1);
    await vi.advanceTimersByTimeAsync(5_000);
    await until(() => warnings.length === 1);
    expect(warnings[0]?.kind).toBe("idle_timeout");
    stream.abort();
  });

  it("also covers a server slower than the timeout to send headers: it reconnects", async () => {
    const stalled: Exchange[] = [];
    server.play(
      (x) => {
        stalled.push(x);
      },
      sends(CONNECTED_FRAME + eventFrame(deltaEvent(1))),
    );
    const { stream, warnings, events } = iterate();
    await until(() => stalled.length === 1);
    await vi.advanceTimersByTimeAsync(45_000);
    await until(() => warnings.length === 1);
    expect(warnings[0]?.kind).toBe("idle_timeout");
    await expect(stalled[0]?.closed).resolves.toBeUndefined();
    await expectReconnectAfter(1000, 1);
    await until(() => events.length === 1);
    stream.abort();
  });
});

describe("abort during a backoff wait", () => {
  it("abort() ends the stream at once, without waiting out the 30 s sleep", async () => {
    server.play(fail503);
    const { stream, warnings, done } = iterate();
    for (let attempt = 1; attempt <= 6; attempt++) {
      await until(() => warnings.length === attempt);
      if (attempt < 6) await vi.advanceTimersByTimeAsync(warnings.at(-1)?.delayMs ?? 0);
    }
    expect(warnings.at(-1)?.delayMs).toBe(30_000);
    stream.abort();
    // No timer is advanced: the loop must end on its own.
    await expect(done).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(6);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the signal ends it at once too", async () => {
    server.play(fail503);
    const controller = new AbortController();
    const { done, warnings } = iterate({ signal: controller.signal });
    await until(() => warnings.length === 1);
    controller.abort();
    await expect(done).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });
});

describe("logging", () => {
  it("logs each reconnect with its reason through the client's logger, at info", async () => {
    const lines: string[] = [];
    const sink = (line: string) => lines.push(line);
    const logging = new Everruns({
      baseUrl: server.url,
      apiKey: "dev",
      maxRetries: 0,
      logLevel: "info",
      logger: { error: sink, warn: sink, info: sink, debug: sink },
    });
    server.play(fail503);
    const stream = streamEvents(logging, SESSION_ID);
    const done = (async () => {
      for await (const _ of stream);
    })();
    done.catch(() => undefined);
    await until(() => lines.length === 1);
    expect(lines[0]).toMatch(
      new RegExp(`^stream ${SESSION_ID}: .*503.*reconnecting in 1000 ms \\(retry 1\\)$`),
    );
    stream.abort();
  });
});
