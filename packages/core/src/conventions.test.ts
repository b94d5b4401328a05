import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Everruns } from "./client.js";
import { ApiError, NotFoundError } from "./errors/api-error.js";
import { ValidationError } from "./errors/client-errors.js";
import { EverrunsError } from "./errors/everruns-error.js";
import type { Logger } from "./logging/logger.js";
import { AGENT_ID, agentWithCounts } from "./test-support/fixtures.js";
import {
  type Handler,
  json,
  problem,
  type RecordingServer,
  startRecordingServer,
  text,
} from "./test-support/recording-server.js";

const KEY = "evr_pat_conventions_secret_token";
let server: RecordingServer;
let client: Everruns;

beforeAll(async () => {
  server = await startRecordingServer();
  client = new Everruns({ baseUrl: server.url, apiKey: KEY, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** Serves `total` named items in pages of `limit`, honouring `offset`. */
const pagedAgents =
  (total: number): Handler =>
  (request, res) => {
    const offset = Number(request.query.get("offset") ?? 0);
    const limit = Number(request.query.get("limit") ?? 2);
    const data = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
      ...agentWithCounts,
      name: `agent-${offset + i}`,
    }));
    json(200, { data, total, offset, limit })(request, res);
  };

describe("lists", () => {
  it("for await over a list call walks every item of every page", async () => {
    server.respondWith(pagedAgents(5));
    const names: string[] = [];
    for await (const agent of client.agents.list({ limit: 2 })) names.push(agent.name);
    expect(names).toEqual(["agent-0", "agent-1", "agent-2", "agent-3", "agent-4"]);
    expect(server.requests.map((r) => r.query.get("offset"))).toEqual([null, "2", "4"]);
  });

  it("await gives the first page with total, hasNextPage() and nextPage()", async () => {
    server.respondWith(pagedAgents(3));
    const first = await client.agents.list({ limit: 2 });
    expect([first.total, first.data.length, first.hasNextPage()]).toEqual([3, 2, true]);
    const second = await first.nextPage();
    expect(second?.data.map((a) => a.name)).toEqual(["agent-2"]);
    expect(second?.hasNextPage()).toBe(false);
  });

  it("stops with an error when the server does not advance the offset", async () => {
    server.respondWith(json(200, { data: [agentWithCounts], total: 10, offset: 0, limit: 1 }));
    const seen: string[] = [];
    const walk = async () => {
      for await (const agent of client.agents.list()) seen.push(agent.id);
    };
    await expect(walk()).rejects.toThrow(/did not advance/);
    expect(EverrunsError.isInstance(await walk().catch((e) => e))).toBe(true);
    expect(server.requests.length).toBeLessThanOrEqual(4);
  });

  it("a list of one page (messages) iterates its items once", async () => {
    server.respondWith(json(200, { data: [{ id: "message_1" }, { id: "message_2" }] }));
    const ids: string[] = [];
    for await (const m of client.messages.list("session_1")) ids.push(m.id);
    expect(ids).toEqual(["message_1", "message_2"]);
  });
});

describe("withResponse() and asResponse()", () => {
  it("withResponse gives the data, the response and the request id", async () => {
    server.respondWith(json(200, agentWithCounts, { "x-request-id": "req_42" }));
    const { data, response, requestId } = await client.agents.get(AGENT_ID).withResponse();
    expect(data.id).toBe(AGENT_ID);
    expect(response.status).toBe(200);
    expect(requestId).toBe("req_42");
  });

  it("asResponse gives the unread response without parsing it", async () => {
    server.respondWith(text(200, "---\nname: demo\n---\n", "text/markdown"));
    const response = await client.agents.export(AGENT_ID).asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(response.headers.get("content-type")).toBe("text/markdown");
    expect(await response.text()).toBe("---\nname: demo\n---\n");
  });

  it("a list call has withResponse too, its data being the first page", async () => {
    server.respondWith(pagedAgents(1));
    const { data, response } = await client.agents.list().withResponse();
    expect(data.total).toBe(1);
    expect(response.ok).toBe(true);
  });

  it("a failed call rejects withResponse and asResponse with the typed error", async () => {
    server.respondWith(problem(404, { title: "Not found", status: 404, code: "agent_not_found" }));
    await expect(client.agents.get(AGENT_ID).withResponse()).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.agents.get(AGENT_ID).asResponse()).rejects.toBeInstanceOf(ApiError);
  });

  it("the request id from a response never carries the key", async () => {
    server.respondWith(json(200, agentWithCounts, { "x-request-id": `echo-${KEY}` }));
    const { requestId } = await client.agents.get(AGENT_ID).withResponse();
    expect(requestId).not.toContain(KEY);
  });

  it("input errors reject the promise instead of throwing at the call", async () => {
    const pending = client.agents.get("");
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("per-call options", () => {
  it("query adds parameters this SDK does not type yet, over the method's own", async () => {
    server.respondWith(pagedAgents(0));
    await client.agents.list({ search: "a" }, { query: { search: "b", beta: true } });
    const { query } = server.requests[0] ?? { query: new URLSearchParams() };
    expect([query.get("search"), query.get("beta")]).toEqual(["b", "true"]);
  });

  it("fetchOptions reach fetch", async () => {
    const seen: RequestInit[] = [];
    const spying = new Everruns({
      baseUrl: server.url,
      apiKey: KEY,
      fetch: (input, init) => {
        seen.push({ cache: (input as Request).cache, keepalive: (input as Request).keepalive });
        return fetch(input, init);
      },
    });
    server.respondWith(json(200, agentWithCounts));
    await spying.agents.get(AGENT_ID, { fetchOptions: { cache: "no-store", keepalive: true } });
    expect(seen[0]).toEqual({ cache: "no-store", keepalive: true });
  });

  it("maxRetries and timeoutMs apply to one call only", async () => {
    const retrying = new Everruns({ baseUrl: server.url, apiKey: KEY, maxRetries: 0 });
    server.respondWith(problem(503, { title: "busy", status: 503 }), json(200, agentWithCounts));
    const agent = await retrying.agents.get(AGENT_ID, { maxRetries: 1 });
    expect(agent.id).toBe(AGENT_ID);
    expect(server.requests).toHaveLength(2);
  });
});

describe("logging", () => {
  function recorder(): Logger & { lines: [string, string][] } {
    const lines: [string, string][] = [];
    const at = (level: string) => (message: string) => {
      lines.push([level, message]);
    };
    return { lines, error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
  }

  it("logs nothing by default", async () => {
    const logger = recorder();
    const quiet = new Everruns({ baseUrl: server.url, apiKey: KEY, logger });
    server.respondWith(json(200, agentWithCounts));
    await quiet.agents.get(AGENT_ID);
    expect(logger.lines).toEqual([]);
  });

  it("debug logs a line per request: method, path, status, time, attempt, request id", async () => {
    const logger = recorder();
    const loud = new Everruns({ baseUrl: server.url, apiKey: KEY, logger, logLevel: "debug" });
    server.respondWith(json(200, agentWithCounts, { "x-request-id": "req_7" }));
    await loud.agents.get(AGENT_ID);
    expect(logger.lines).toHaveLength(1);
    const [level, line] = logger.lines[0] ?? ["", ""];
    expect(level).toBe("debug");
    expect(line).toMatch(
      new RegExp(`^GET /v1/agents/${AGENT_ID} 200 \\d+ ms, attempt 1 request req_7$`),
    );
  });

  it("info logs retries but not each request", async () => {
    const logger = recorder();
    const info = new Everruns({
      baseUrl: server.url,
      apiKey: KEY,
      logger,
      logLevel: "info",
      maxRetries: 1,
    });
    server.respondWith(problem(503, { title: "busy", status: 503 }), json(200, agentWithCounts));
    await info.agents.get(AGENT_ID);
    expect(logger.lines.map(([level]) => level)).toEqual(["info"]);
    expect(logger.lines[0]?.[1]).toMatch(/^retrying GET \/v1\/agents\/\S+ in \d+ ms \(HTTP 503\)/);
  });

  it("never logs the key, even when the server echoes it in the request id", async () => {
    const logger = recorder();
    const loud = new Everruns({ baseUrl: server.url, apiKey: KEY, logger, logLevel: "debug" });
    server.respondWith(json(200, agentWithCounts, { "x-request-id": KEY }));
    await loud.agents.get(AGENT_ID);
    expect(JSON.stringify(logger.lines)).not.toContain(KEY);
  });

  it("reads EVERRUNS_LOG, and an explicit logLevel wins over it", async () => {
    const logger = recorder();
    process.env.EVERRUNS_LOG = "debug";
    try {
      const fromEnv = new Everruns({ baseUrl: server.url, apiKey: KEY, logger });
      const explicit = new Everruns({ baseUrl: server.url, apiKey: KEY, logger, logLevel: "off" });
      server.respondWith(json(200, agentWithCounts));
      await explicit.agents.get(AGENT_ID);
      expect(logger.lines).toHaveLength(0);
      await fromEnv.agents.get(AGENT_ID);
      expect(logger.lines).toHaveLength(1);
    } finally {
      delete process.env.EVERRUNS_LOG;
    }
  });

  it("refuses an unknown level at construction", () => {
    expect(() => new Everruns({ baseUrl: server.url, logLevel: "loud" as "debug" })).toThrow(
      ValidationError,
    );
  });
});
