import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { DevServer, DevServerOptions } from "../start-dev-server.js";
import {
  apiClient,
  collectSse,
  createSession,
  sendMessage,
  sseEvents,
  startTestServer,
  waitForTurnEnds,
} from "../test-support/test-server.js";

let server: DevServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

async function start(options: DevServerOptions) {
  server = await startTestServer(options);
  return { server, api: apiClient(server) };
}

// An SSE client that reads the response head, then stops reading: its kernel buffers fill and
// everything else queues on the server.
function stalledReader(
  url: string,
): Promise<{ socket: Socket; status: number; closed: Promise<void> }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    sockets.push(socket);
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.once("error", () => {});
    socket.write(
      `GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: dev\r\n\r\n`,
    );
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString("latin1"))?.[1]);
      resolve({ socket, status, closed });
    });
    socket.once("close", () => reject(new Error("closed before answering")));
  });
}

const settled = (promise: Promise<void>) =>
  Promise.race([promise.then(() => true), new Promise((r) => setImmediate(() => r(false)))]);

// Replays the session and checks every event arrives once, in sequence, through the last turn.
async function expectFullReplay(url: string, turns: number) {
  const ended = (frames: { event?: string }[]) =>
    frames.filter((frame) => frame.event === "turn.completed").length >= turns;
  const result = await collectSse(url, { until: ended, timeoutMs: 60_000 });
  const events = sseEvents(result.frames);
  expect(ended(result.frames)).toBe(true);
  expect(events.map((event) => event.sequence)).toEqual(events.map((_, i) => i + 1));
}

describe("SSE slow readers", () => {
  it("destroys the socket of a client that stops reading once its queue passes the cap", async () => {
    // One stream per session: a second one is accepted only once the stalled one is gone.
    const { server, api } = await start({ sse: { maxQueuedBytes: 256 * 1024, perSession: 1 } });
    const sessionId = await createSession(api);
    const url = `${server.url}/v1/sessions/${sessionId}/sse`;
    const reader = await stalledReader(url);
    expect(reader.status).toBe(200);
    // Each turn streams about 4 MB of deltas; kernel buffers absorb a few MB, then the server's
    // queue grows until the cap drops the client.
    let turns = 0;
    let replacement = 429;
    while (replacement === 429 && turns < 12) {
      await sendMessage(api, sessionId, "[simulate:long] go");
      await waitForTurnEnds(api, sessionId, ++turns);
      replacement = (await collectSse(url, { until: () => true })).status;
    }
    expect(replacement).toBe(200);
    // The server closed the stalled socket: once it reads again, it reaches the end.
    reader.socket.resume();
    await reader.closed;

    // It loses nothing: resuming from the start replays every event, in sequence.
    await expectFullReplay(url, turns);
  }, 120_000);

  it("refuses a stream over the per-session limit with 429 and frees the slot on close", async () => {
    const { server, api } = await start({ sse: { perSession: 2 } });
    const sessionId = await createSession(api);
    const url = `${server.url}/v1/sessions/${sessionId}/sse`;
    const first = await stalledReader(url);
    await stalledReader(url);
    const refused = await collectSse(url);
    expect(refused.status).toBe(429);
    expect(refused.contentType).toBe("application/problem+json");
    expect(JSON.parse(refused.body ?? "{}").code).toBe("too_many_streams");
    // Another session is not affected by this one's limit.
    const other = await createSession(api);
    expect((await stalledReader(`${server.url}/v1/sessions/${other}/sse`)).status).toBe(200);

    first.socket.destroy();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await stalledReader(url)).status).toBe(200);
  });

  it("refuses a stream over the server-wide limit with 429", async () => {
    const { server, api } = await start({ sse: { total: 2 } });
    for (let i = 0; i < 2; i++) {
      const sessionId = await createSession(api);
      expect((await stalledReader(`${server.url}/v1/sessions/${sessionId}/sse`)).status).toBe(200);
    }
    const sessionId = await createSession(api);
    const refused = await collectSse(`${server.url}/v1/sessions/${sessionId}/sse`);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body ?? "{}").code).toBe("too_many_streams");
  });

  it("paces replay by the reader: a stalled client resumes later and still gets every event", async () => {
    const { server, api } = await start({ sse: { maxQueuedBytes: 256 * 1024 } });
    const sessionId = await createSession(api);
    await sendMessage(api, sessionId, "[simulate:long] go");
    await waitForTurnEnds(api, sessionId);
    // Replay never overflows the queue (it waits for the reader), so the connection survives.
    const stalled = await stalledReader(`${server.url}/v1/sessions/${sessionId}/sse`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await settled(stalled.closed)).toBe(false);
    await expectFullReplay(`${server.url}/v1/sessions/${sessionId}/sse`, 1);
  }, 60_000);
});
