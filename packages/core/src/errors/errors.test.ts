import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Everruns } from "../client.js";
import { AGENT_ID } from "../test-support/fixtures.js";
import {
  problem,
  type RecordingServer,
  startRecordingServer,
  text,
} from "../test-support/recording-server.js";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./api-error.js";
import { EverrunsError } from "./everruns-error.js";

const TOKEN = "evr_pat_0123456789abcdef_secret_tail";
let server: RecordingServer;
let client: Everruns;

beforeAll(async () => {
  server = await startRecordingServer();
  client = new Everruns({ baseUrl: server.url, apiKey: TOKEN, maxRetries: 0 });
});
afterAll(() => server.close());

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("error classes", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ] as const)("a %i becomes %o with the problem's fields", async (status, ErrorClass) => {
    server.respondWith(
      problem(
        status,
        { title: "Refused", detail: "Because.", code: "some_code" },
        { "x-request-id": "req_123" },
      ),
    );
    const error = await failureOf(client.agents.get(AGENT_ID));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(EverrunsError);
    expect(error.status).toBe(status);
    expect(error.code).toBe("some_code");
    expect(error.title).toBe("Refused");
    expect(error.detail).toBe("Because.");
    expect(error.requestId).toBe("req_123");
    expect(error.message).toBe(`${status} Refused: Because.`);
  });

  it("an HTML 502 from a proxy gives a clean message with no markup", async () => {
    server.respondWith(
      text(
        502,
        "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>",
        "text/html",
      ),
    );
    const error = await failureOf(client.agents.get(AGENT_ID));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe("502 Bad Gateway");
    expect(error.message).not.toContain("<");
    expect(error.body).toEqual({ title: "Bad Gateway", status: 502 });
  });

  it("client.raw returns the same normalized problem in error", async () => {
    server.respondWith(text(502, "<html><body>upstream down</body></html>", "text/html"));
    const { data, error, response } = await client.raw.GET("/v1/agents/{agent_id}", {
      params: { path: { agent_id: AGENT_ID } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(502);
    expect(error).toEqual({ title: "Bad Gateway", status: 502 });
  });

  it("plain-text error bodies become the detail", async () => {
    server.respondWith(text(500, "database unavailable"));
    const error = await failureOf(client.agents.get(AGENT_ID));
    expect(error.detail).toBe("database unavailable");
  });

  it("RateLimitError reads retryAfter from the body when the header is absent", async () => {
    server.respondWith(problem(429, { retry_after_seconds: 120 }));
    const error = await failureOf(client.agents.get(AGENT_ID));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
  });

  it("isInstance recognises errors across copies of the SDK by brand", () => {
    const foreign = Object.defineProperty(new Error("x"), Symbol.for("everruns.error"), {
      value: true,
    });
    expect(EverrunsError.isInstance(foreign)).toBe(true);
    expect(EverrunsError.isInstance(new Error("x"))).toBe(false);
    expect(
      EverrunsError.isInstance(
        new NotFoundError({
          status: 404,
          headers: new Headers(),
          body: { title: "x", status: 404 },
        }),
      ),
    ).toBe(true);
  });
});

describe("token redaction", () => {
  it("the token is absent from JSON.stringify, util.inspect and String of the client", () => {
    for (const shown of [
      JSON.stringify(client),
      inspect(client, { depth: 10, showHidden: true }),
      String(client),
    ]) {
      expect(shown).not.toContain(TOKEN);
      expect(shown).not.toContain("secret_tail");
    }
    expect(JSON.stringify(client)).toContain("evr_pat_");
  });

  it("the token is absent from errors, even when the server echoes it", async () => {
    server.respondWith(problem(401, { title: "Unauthorized", detail: `invalid token ${TOKEN}` }));
    const error = await failureOf(client.agents.get(AGENT_ID));
    const shown = [
      error.message,
      String(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
    ].join("\n");
    expect(shown).not.toContain(TOKEN);
  });

  it("the token is absent when the server echoes it with JSON escapes or in x-request-id", async () => {
    // Every character escaped: a text search of the raw body cannot find the key.
    const escaped = [...TOKEN]
      .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
      .join("");
    server.respondWith((_req, res) => {
      res.writeHead(401, { "content-type": "application/json", "x-request-id": `req-${TOKEN}` });
      res.end(
        `{"title":"Unauthorized","detail":"bad key ${escaped}","echo":{"${escaped}":["${escaped}"]}}`,
      );
    });
    const error = await failureOf(client.agents.get(AGENT_ID));
    const shown = [
      error.message,
      error.stack,
      error.requestId,
      String(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      JSON.stringify(error.body),
      error.headers.get("x-request-id"),
    ].join("\n");
    expect(error.detail).toContain("bad key evr_pat_");
    expect(shown).not.toContain(TOKEN);
    expect(shown).not.toContain("secret_tail");
  });
});

describe("bounded errors", () => {
  const big = "x".repeat(50 * 1024 * 1024);

  it("a 50 MB JSON detail becomes a short message and a small body", async () => {
    server.respondWith((_req, res) => {
      res.writeHead(400, { "content-type": "application/problem+json" });
      res.end(`{"title":"Bad Request","status":400,"code":"huge","detail":"${big}"}`);
    });
    const error = await failureOf(client.agents.get(AGENT_ID));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message.length).toBeLessThan(1_000);
    expect(JSON.stringify(error.body).length).toBeLessThan(2_000);
    expect(inspect(error, { depth: 10 }).length).toBeLessThan(10_000);
  });

  it("every string and array of a readable error body is clipped", async () => {
    // Under the 64 KiB read bound, so it is parsed; then every part is bounded.
    const long = "y".repeat(5_000);
    server.respondWith(
      problem(422, {
        title: long,
        detail: long,
        extra: long,
        errors: Array.from({ length: 200 }, () => ({ message: "z".repeat(200) })),
      }),
    );
    const error = await failureOf(client.agents.get(AGENT_ID));
    expect(error.title.length).toBeLessThanOrEqual(200);
    expect(error.detail?.length).toBeLessThanOrEqual(500);
    const body = error.body as { errors?: unknown[]; extra?: string };
    expect(body.errors?.length).toBeLessThanOrEqual(20);
    expect(body.extra).toHaveLength(500);
    expect(JSON.stringify(error.body).length).toBeLessThan(8_000);
  });

  it("a 50 MB text body is clipped too", async () => {
    server.respondWith(text(502, big));
    const error = await failureOf(client.agents.get(AGENT_ID));
    expect(error.message.length).toBeLessThan(1_000);
  });
});
