import { AbortError, Everruns } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deltaEvent, eventId, SESSION_ID, TURN_ID } from "./test-support/events.js";
import {
  CONNECTED_FRAME,
  type Exchange,
  eventFrame,
  json,
  type SseTestServer,
  startSseServer,
} from "./test-support/sse-server.js";
import { startTurn } from "./turn.js";

let server: SseTestServer;
let client: Everruns;

beforeAll(async () => {
  server = await startSseServer();
  client = new Everruns({ baseUrl: server.url, apiKey: "dev", maxRetries: 0 });
});
afterAll(() => server.close());

const MESSAGE_ID = "message_0196831a20837ddbb05fd8f6d0c8f0aa";
const message = {
  id: MESSAGE_ID,
  role: "user",
  content: [{ type: "text", text: "Hi" }],
  created_at: "2026-11-23T10:00:00Z",
};

describe("startTurn ordering", () => {
  it("connects the stream, resuming after the latest event, before it sends the message", async () => {
    let sse: Exchange | undefined;
    server.requests.length = 0;
    server.play(
      json(200, { data: [deltaEvent(41)] }),
      (x) => {
        sse = x;
        x.open();
        x.write(CONNECTED_FRAME);
      },
      json(201, message),
    );
    const turn = await startTurn(client, SESSION_ID, "Hi");
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/sessions/${SESSION_ID}/events`,
      `GET /v1/sessions/${SESSION_ID}/sse`,
      `POST /v1/sessions/${SESSION_ID}/messages`,
    ]);
    expect(server.requests[0]?.query.get("limit")).toBe("1");
    expect(server.requests[1]?.query.get("since_id")).toBe(eventId(41));
    const ev = (n: number, type: string, data: unknown) => ({
      ...deltaEvent(n),
      type,
      context: { turn_id: TURN_ID, input_message_id: MESSAGE_ID },
      data,
    });
    sse?.write(
      eventFrame(
        ev(42, "turn.started", { turn_id: TURN_ID, input_message_id: MESSAGE_ID }) as never,
      ) +
        eventFrame({ ...deltaEvent(43, "Hello"), context: { turn_id: TURN_ID } }) +
        eventFrame(ev(44, "turn.completed", { turn_id: TURN_ID, iterations: 1 }) as never),
    );
    const result = await turn.result();
    expect(result).toMatchObject({ status: "completed", turnId: TURN_ID, text: "Hello" });
    // The turn is over: its stream is closed.
    await expect(sse?.closed).resolves.toBeUndefined();
  });

  it("aborting the signal closes the stream and rejects result() with AbortError", async () => {
    let sse: Exchange | undefined;
    server.play(
      json(200, { data: [] }),
      (x) => {
        sse = x;
        x.open();
        x.write(CONNECTED_FRAME);
      },
      json(201, message),
    );
    const controller = new AbortController();
    const turn = await startTurn(client, SESSION_ID, "Hi", { signal: controller.signal });
    controller.abort();
    await expect(turn.result()).rejects.toBeInstanceOf(AbortError);
    await expect(sse?.closed).resolves.toBeUndefined();
  });
});
