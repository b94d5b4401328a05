import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Everruns } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StreamRetriesExhaustedError } from "./stream-errors.js";
import { startTurn } from "./turn.js";

const SESSION = "session_0196831a20837ddbb05fd8f6d0c8f64a";
// Lists no events, swallows every SSE request without ever answering, records message posts.
const posted: string[] = [];
let sseRequests = 0;
const held: ServerResponse[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  if (req.url?.includes("/sse")) {
    sseRequests++;
    held.push(res);
    return;
  }
  if (req.method === "POST") posted.push(req.url ?? "");
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"data":[]}');
});
let url: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of held) res.socket?.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe("startTurn against an SSE endpoint that never answers", () => {
  it("gives up after the client's maxRetries, without sending the message", async () => {
    const client = new Everruns({ baseUrl: url, apiKey: "dev", maxRetries: 2 });
    const started = startTurn(client, SESSION, "hello", { stream: { idleTimeoutMs: 50 } });
    const error = await started.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamRetriesExhaustedError);
    expect(sseRequests).toBe(3);
    expect(posted).toEqual([]);
  });
});
