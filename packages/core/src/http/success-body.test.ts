import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Everruns } from "../client.js";
import { EverrunsError } from "../errors/everruns-error.js";
import { InvalidResponseError } from "../errors/invalid-response-error.js";
import { AGENT_ID, agent } from "../test-support/fixtures.js";
import {
  json,
  type RecordingServer,
  startRecordingServer,
  text,
} from "../test-support/recording-server.js";

let server: RecordingServer;
let client: Everruns;
beforeAll(async () => {
  server = await startRecordingServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "evr_pat_test_key_1234", maxRetries: 0 });
});
afterAll(() => server.close());

const PAGE = "<!doctype html><html><body><h1>Welcome to the captive portal</h1></body></html>";

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("successful answers that are not JSON", () => {
  it("a 200 with text/html is an InvalidResponseError that does not quote the page", async () => {
    server.respondWith(text(200, PAGE, "text/html; charset=utf-8"));
    const error = await failureOf(client.agents.get(AGENT_ID));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toBeInstanceOf(EverrunsError);
    const invalid = error as InvalidResponseError;
    expect(invalid.status).toBe(200);
    expect(invalid.contentType).toBe("text/html; charset=utf-8");
    expect(`${invalid.message}\n${invalid.stack}`).not.toMatch(/captive|doctype|<html/i);
  });

  it("JSON cut off by a clean close is an InvalidResponseError, not a SyntaxError", async () => {
    server.respondWith((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(agent).slice(0, 40));
    });
    const error = await failureOf(client.agents.get(AGENT_ID));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).not.toContain(AGENT_ID);
  });

  it("complete JSON still parses, and an empty 200 still reads as no data", async () => {
    server.respondWith(json(200, agent));
    expect((await client.agents.get(AGENT_ID)).id).toBe(AGENT_ID);
    server.respondWith(text(200, "", "application/json"));
    const result = await client.raw.GET("/v1/agents/{agent_id}", {
      params: { path: { agent_id: AGENT_ID } },
    });
    expect(result.data).toBeUndefined();
  });
});
