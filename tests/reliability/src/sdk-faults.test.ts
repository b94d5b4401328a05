import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ConnectionError,
  Everruns,
  InternalServerError,
  RateLimitError,
  TimeoutError,
} from "@everruns/core";
import { streamEvents } from "@everruns/streaming";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretWatch, suiteToken } from "./internal/secret-watch.js";

const TOKEN = suiteToken("faults");
const watch = new SecretWatch([TOKEN]);
const SESSION = `session_${"0".repeat(32)}`;

/** How the fault server answers one scenario: by request number (0 = first attempt). */
type Behaviour = (attempt: number, req: IncomingMessage, res: ServerResponse) => void;

const behaviours = new Map<string, Behaviour>();
const attempts = new Map<string, number>();
let server: Server;
let baseUrl: string;

const problem = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/problem+json", ...headers });
  res.end(JSON.stringify({ title: `HTTP ${status}`, status }));
};
const session = (res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ id: SESSION, status: "idle", created_at: "t", updated_at: "t" }));
};

beforeAll(async () => {
  // Scenario name = first path segment after /v1/sessions/, e.g. /v1/sessions/<scenario>.
  server = createServer((req, res) => {
    const scenario = decodeURIComponent(req.url?.split("/")[3]?.split("?")[0] ?? "");
    const attempt = attempts.get(scenario) ?? 0;
    attempts.set(scenario, attempt + 1);
    const behaviour = behaviours.get(scenario);
    if (!behaviour) problem(res, 404);
    else behaviour(attempt, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * Runs `call` and measures it; fails the test if it has not settled by `deadlineMs` (a hang),
 * which is generous: it bounds the retry policy's worst case, it does not time performance.
 */
async function settle<T>(deadlineMs: number, call: () => Promise<T>) {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    const value = await Promise.race([
      call().then(
        (v) => ({ ok: true as const, v }),
        (e: unknown) => ({ ok: false as const, e }),
      ),
      hang,
    ]);
    if (!value.ok) watch.error(value.e);
    return { ...value, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

const client = (options: { timeoutMs?: number; maxRetries?: number } = {}) =>
  new Everruns({
    baseUrl,
    apiKey: TOKEN,
    timeoutMs: options.timeoutMs ?? 300,
    maxRetries: options.maxRetries ?? 2,
  });

describe("the SDK against a server that misbehaves", () => {
  it.concurrent("a slow answer past the timeout: TimeoutError after every attempt timed out", async () => {
    behaviours.set("slow", (_, __, res) => setTimeout(() => session(res), 2_000).unref());
    const result = await settle(5_000, () => client().sessions.get("slow"));
    expect(result.ok ? result.v : result.e).toBeInstanceOf(TimeoutError);
    expect(attempts.get("slow")).toBe(3);
  });

  it.concurrent("headers then a stalled body: the attempt times out too, never hangs", async () => {
    behaviours.set("stalled-body", (_, __, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":"ses');
    });
    const result = await settle(5_000, () =>
      client({ maxRetries: 1 }).sessions.get("stalled-body"),
    );
    expect(result.ok ? result.v : result.e).toBeInstanceOf(TimeoutError);
  });

  it.concurrent("slow but within the timeout: succeeds", async () => {
    behaviours.set("slowish", (_, __, res) => setTimeout(() => session(res), 100));
    const result = await settle(3_000, () => client({ timeoutMs: 1_000 }).sessions.get("slowish"));
    expect(result.ok && result.v.id).toBe(SESSION);
  });

  it.concurrent("connection resets then an answer: a GET is retried and succeeds", async () => {
    behaviours.set("reset", (attempt, req, res) => {
      if (attempt < 2) req.socket.destroy();
      else session(res);
    });
    const result = await settle(6_000, () => client().sessions.get("reset"));
    expect(result.ok && result.v.id).toBe(SESSION);
    expect(attempts.get("reset")).toBe(3);
  });

  it.concurrent("connection resets for good: ConnectionError once the retries are spent", async () => {
    behaviours.set("reset-always", (_, req) => req.socket.destroy());
    const result = await settle(6_000, () => client().sessions.get("reset-always"));
    expect(result.ok ? result.v : result.e).toBeInstanceOf(ConnectionError);
    expect(result.ok ? result.v : result.e).not.toBeInstanceOf(TimeoutError);
    expect(attempts.get("reset-always")).toBe(3);
  });

  it.concurrent("a reset POST is not retried (the message may have been stored): ConnectionError, one request", async () => {
    behaviours.set("reset-post", (_, req) => req.socket.destroy());
    const result = await settle(3_000, () => client().messages.create("reset-post", "hello"));
    expect(result.ok ? result.v : result.e).toBeInstanceOf(ConnectionError);
    expect(attempts.get("reset-post")).toBe(1);
  });

  it.concurrent("a 429 burst with Retry-After, then success: retried, POST included", async () => {
    behaviours.set("rate", (attempt, _, res) => {
      if (attempt < 2) problem(res, 429, { "retry-after": "0" });
      else {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "message_1", role: "user", content: [], created_at: "t" }));
      }
    });
    const result = await settle(3_000, () => client().messages.create("rate", "hello"));
    expect(result.ok && result.v.id).toBe("message_1");
    expect(attempts.get("rate")).toBe(3);
  });

  it.concurrent("429 for good: RateLimitError with the server's retry hint", async () => {
    behaviours.set("rate-always", (_, __, res) => problem(res, 429, { "retry-after": "0" }));
    const result = await settle(3_000, () => client().sessions.get("rate-always"));
    expect(result.ok ? result.v : result.e).toBeInstanceOf(RateLimitError);
    expect(attempts.get("rate-always")).toBe(3);
  });

  it.concurrent("a 429 asking for longer than the SDK waits: RateLimitError at once", async () => {
    behaviours.set("rate-long", (_, __, res) => problem(res, 429, { "retry-after": "3600" }));
    const result = await settle(2_000, () => client().sessions.get("rate-long"));
    expect(result.ok ? result.v : result.e).toBeInstanceOf(RateLimitError);
    expect(attempts.get("rate-long")).toBe(1);
  });

  it.concurrent("a 503 burst then success: a GET is retried and succeeds", async () => {
    behaviours.set("unavailable", (attempt, _, res) =>
      attempt < 2 ? problem(res, 503) : session(res),
    );
    const result = await settle(6_000, () => client().sessions.get("unavailable"));
    expect(result.ok && result.v.id).toBe(SESSION);
  });

  it.concurrent("503 for good: InternalServerError (status 503) once the retries are spent", async () => {
    behaviours.set("unavailable-always", (_, __, res) => problem(res, 503));
    const result = await settle(6_000, () => client().sessions.get("unavailable-always"));
    const error = result.ok ? result.v : result.e;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503 });
    expect(attempts.get("unavailable-always")).toBe(3);
  });

  it.concurrent("a 503 on POST is not retried: InternalServerError, one request", async () => {
    behaviours.set("unavailable-post", (_, __, res) => problem(res, 503));
    const result = await settle(3_000, () => client().messages.create("unavailable-post", "hi"));
    expect(result.ok ? result.v : result.e).toBeInstanceOf(InternalServerError);
    expect(attempts.get("unavailable-post")).toBe(1);
  });

  it.concurrent("an event stream through 503s and resets: reconnects and delivers, then aborts promptly", async () => {
    behaviours.set("stream", (attempt, req, res) => {
      if (attempt === 0) return problem(res, 503);
      if (attempt === 1) return void req.socket.destroy();
      res.writeHead(200, { "content-type": "text/event-stream" });
      const event = {
        id: "event_1",
        type: "turn.started",
        ts: "t",
        session_id: "stream",
        sequence: 1,
        context: {},
        data: { turn_id: "turn_1" },
      };
      res.write(
        `event: connected\ndata: {"status":"connected"}\n\nevent: turn.started\nid: event_1\ndata: ${JSON.stringify(event)}\n\n`,
      );
    });
    const result = await settle(8_000, async () => {
      const stream = streamEvents(client(), "stream", { idleTimeoutMs: 5_000 });
      for await (const event of stream) return event.id;
      return undefined;
    });
    expect(result.ok && result.v).toBe("event_1");
  });

  it("no SDK error of this file contains the key", () => {
    expect(watch.size).toBeGreaterThan(10);
    expect(watch.leaks()).toEqual([]);
  });
});
