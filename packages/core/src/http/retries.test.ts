import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Everruns } from "../client.js";
import { InternalServerError, RateLimitError } from "../errors/api-error.js";
import { AbortError, ConnectionError, TimeoutError } from "../errors/client-errors.js";
import { AGENT_ID, agent, agentWithCounts } from "../test-support/fixtures.js";
import {
  dropConnection,
  json,
  problem,
  type RecordingServer,
  stall,
  startRecordingServer,
} from "../test-support/recording-server.js";

let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const clientFor = (options: { maxRetries?: number; timeoutMs?: number } = {}) =>
  new Everruns({ baseUrl: server.url, apiKey: "retry-test-key", ...options });

describe("retries", () => {
  it("honours Retry-After on a 429, then succeeds", async () => {
    server.respondWith(
      problem(429, { code: "rate_limited" }, { "retry-after": "1" }),
      json(200, agentWithCounts),
    );
    const started = performance.now();
    await clientFor().agents.get(AGENT_ID);
    const waited = performance.now() - started;
    expect(server.requests).toHaveLength(2);
    // The default first backoff is at most 500 ms; only Retry-After explains a wait near 1 s.
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  it("retries a GET after a 503 and returns the later success", async () => {
    server.respondWith(problem(503), json(200, agentWithCounts));
    const result = await clientFor().agents.get(AGENT_ID);
    expect(result.id).toBe(AGENT_ID);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a POST on a 500", async () => {
    server.respondWith(problem(500), json(201, agent));
    await expect(
      clientFor().agents.create({ name: "x", system_prompt: "y" }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a POST on a 429", async () => {
    server.respondWith(problem(429, {}, { "retry-after": "0" }), json(201, agent));
    await clientFor().agents.create({ name: "x", system_prompt: "y" });
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
  });

  it("retries a GET whose connection dropped", async () => {
    server.respondWith(dropConnection, json(200, agentWithCounts));
    await clientFor().agents.get(AGENT_ID);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a POST whose connection dropped after sending", async () => {
    server.respondWith(dropConnection, json(201, agent));
    await expect(
      clientFor().agents.create({ name: "x", system_prompt: "y" }),
    ).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a POST refused at connect, where it cannot have reached a server", async () => {
    let calls = 0;
    const countingFetch: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const closed = await startRecordingServer();
    await closed.close();
    const refused = new Everruns({
      baseUrl: closed.url,
      apiKey: "k",
      maxRetries: 1,
      fetch: countingFetch,
    });
    await expect(refused.agents.create({ name: "x", system_prompt: "y" })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(calls).toBe(2);
  });

  it("stops after maxRetries and throws the last status's error", async () => {
    server.respondWith(problem(502));
    const error = await clientFor({ maxRetries: 1 })
      .agents.get(AGENT_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(2);
  });

  it("does not wait out a Retry-After longer than a minute", async () => {
    server.respondWith(problem(429, { retry_after_seconds: 3600 }, { "retry-after": "3600" }));
    const error = await clientFor()
      .agents.get(AGENT_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3600);
    expect(server.requests).toHaveLength(1);
  });

  it("maxRetries per call overrides the client's", async () => {
    server.respondWith(problem(503));
    await expect(clientFor().agents.get(AGENT_ID, { maxRetries: 0 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe("timeouts and aborts", () => {
  it("times out a server that never answers", async () => {
    server.respondWith(stall);
    const error = await clientFor({ timeoutMs: 150, maxRetries: 0 })
      .agents.get(AGENT_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(150);
  });

  it("times out a body that stalls halfway", async () => {
    server.respondWith((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":"agent_');
    });
    const error = await clientFor({ timeoutMs: 150, maxRetries: 0 })
      .agents.get(AGENT_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    server.respondWith(stall);
    const error = await clientFor({ timeoutMs: 60_000, maxRetries: 0 })
      .agents.get(AGENT_ID, { timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("aborting the signal rejects with AbortError mid-request", async () => {
    server.respondWith(stall);
    const controller = new AbortController();
    const pending = clientFor().agents.get(AGENT_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it("aborting during a retry wait ends the call at once", async () => {
    server.respondWith(problem(503, {}, { "retry-after": "30" }));
    const controller = new AbortController();
    const started = performance.now();
    const pending = clientFor().agents.get(AGENT_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    await expect(
      clientFor().agents.get(AGENT_ID, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });
});
