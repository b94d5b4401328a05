import { networkInterfaces } from "node:os";
import { AuthenticationError, Everruns } from "@everruns/core";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { StreamRetriesExhaustedError, streamEvents } from "@everruns/streaming";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnDevServer } from "./internal/dev-server-process.js";
import { sendRaw } from "./internal/raw-request.js";
import { SecretWatch, suiteToken } from "./internal/secret-watch.js";
import { operations } from "./internal/spec-operations.js";

const TOKEN = suiteToken("security");
const WRONG = suiteToken("wrongkey");
const watch = new SecretWatch([TOKEN, WRONG]);
let server: DevServer;
let sessionId: string;
let agentId: string;

beforeAll(async () => {
  server = await startDevServer({
    port: 0,
    db: ":memory:",
    simDelayMs: 0,
    apiKey: TOKEN,
    log: watch.log,
  });
  const client = new Everruns({ baseUrl: server.url, apiKey: TOKEN });
  agentId = (await client.agents.create({ name: "guarded", system_prompt: "x" })).id;
  sessionId = (await client.sessions.create({ agent_id: agentId })).id;
});

afterAll(async () => {
  await server?.close();
});

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal) return address.address;
    }
  }
  return undefined;
}

describe("every route, SSE included, refuses a missing or wrong key", () => {
  const keys: [string, [string, string][]][] = [
    ["no key", []],
    ["an empty key", [["authorization", ""]]],
    ["a wrong key", [["authorization", WRONG]]],
    ["the key with a Bearer prefix", [["authorization", `Bearer ${TOKEN}`]]],
    ["the key in another header", [["x-api-key", TOKEN]]],
    ["a key that only starts like the right one", [["authorization", TOKEN.slice(0, -1)]]],
  ];
  for (const operation of operations) {
    it(`${operation.method} ${operation.path}`, async () => {
      const path = operation.path
        .replace("{agent_id}", agentId)
        .replace("{session_id}", sessionId)
        .replace(/\{\w+\}/g, "generic");
      for (const [, headers] of keys) {
        for (const prefix of ["", "/api"]) {
          const response = await sendRaw(server.port, {
            method: operation.method,
            path: prefix + path,
            headers: [...headers, ["content-type", "application/json"]],
            body: operation.method === "GET" || operation.method === "DELETE" ? undefined : "{}",
          });
          expect(response.status).toBe(401);
          expect(response.contentType).toMatch(/^application\/problem\+json/);
          expect(response.body).not.toContain(TOKEN);
          expect(response.body).not.toContain(WRONG);
        }
      }
    });
  }

  it("the SDK reports a refused key as AuthenticationError, for calls and for streams, without the key", async () => {
    const wrong = new Everruns({ baseUrl: server.url, apiKey: WRONG });
    const call = await wrong.sessions.get(sessionId).catch((error: unknown) => error);
    expect(call).toBeInstanceOf(AuthenticationError);
    watch.error(call);
    const stream = streamEvents(wrong, sessionId, { maxRetries: 0 });
    const streamed = await (async () => {
      for await (const _ of stream) return undefined;
    })().catch((error: unknown) => error);
    expect(streamed).toBeInstanceOf(AuthenticationError);
    expect(streamed).not.toBeInstanceOf(StreamRetriesExhaustedError);
    watch.error(streamed);
    // Network failures carry the request in their cause chain: still no key.
    const dead = new Everruns({ baseUrl: "http://127.0.0.1:9", apiKey: WRONG, maxRetries: 0 });
    watch.error(await dead.sessions.list().catch((error: unknown) => error));
    watch.error(await wrong.messages.create("session_nope", "hi").catch((error: unknown) => error));
  });
});

describe("the server binds 127.0.0.1 unless told otherwise", () => {
  const external = externalAddress();

  it("startDevServer listens on loopback only by default", async () => {
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    const health = await sendRaw(server.port, {
      method: "GET",
      path: "/health",
      headers: [],
      body: undefined,
    });
    expect(health.status).toBe(200);
    if (external) {
      await expect(fetch(`http://${external}:${server.port}/health`)).rejects.toThrow();
    }
  });

  it("the CLI listens on loopback only by default, and on another interface only when told", async () => {
    const stderr: string[] = [];
    const cli = await spawnDevServer(
      ["--port", "0", "--db", ":memory:", "--api-key", TOKEN],
      (stream, text) => {
        if (stream === "stderr") {
          stderr.push(text);
          watch.output("CLI stderr", text);
        }
      },
    );
    try {
      expect(new URL(cli.url).hostname).toBe("127.0.0.1");
      if (external) await expect(fetch(`http://${external}:${cli.port}/health`)).rejects.toThrow();
      const wrong = await fetch(`${cli.url}/v1/sessions`, { headers: { authorization: WRONG } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${cli.url}/v1/sessions?token=${TOKEN}`, {
        headers: { authorization: TOKEN },
      });
      expect(right.status).toBe(200);
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exited;
    }
    // The request log is on: it has lines, and none carries a key (not even from the query).
    expect(stderr.join("")).toMatch(/GET \/v1\/sessions 401/);
    if (external) {
      const open = await startDevServer({
        host: "0.0.0.0",
        port: 0,
        db: ":memory:",
        apiKey: TOKEN,
      });
      try {
        expect((await fetch(`http://${external}:${open.port}/health`)).status).toBe(200);
      } finally {
        await open.close();
      }
    }
  });
});

describe("secrets in output", () => {
  it("no dev server log line, CLI stderr or SDK error of this file contains a key", () => {
    expect(watch.size).toBeGreaterThan(50);
    expect(watch.leaks()).toEqual([]);
  });
});
