import { Everruns } from "@everruns/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { streamEvents } from "./event-stream.js";
import type { StreamEventsOptions } from "./stream-options.js";
import { buildStreamQuery } from "./stream-query.js";
import { deltaEvent, SESSION_ID } from "./test-support/events.js";
import {
  CONNECTED_FRAME,
  eventFrame,
  type SseTestServer,
  sends,
  startSseServer,
} from "./test-support/sse-server.js";
import { take } from "./test-support/stream-helpers.js";

describe("buildStreamQuery", () => {
  it("is empty without since_id and with empty filters", () => {
    expect(buildStreamQuery({})).toEqual({});
    expect(buildStreamQuery({ sinceId: "", types: [], exclude: [] })).toEqual({});
  });

  it("keeps since_id and non-empty filters", () => {
    expect(
      buildStreamQuery({
        sinceId: "event_1",
        types: ["turn.started"],
        exclude: ["output.message.delta"],
      }),
    ).toEqual({
      since_id: "event_1",
      types: ["turn.started"],
      exclude: ["output.message.delta"],
    });
  });
});

describe("the URL on the wire", () => {
  let server: SseTestServer;
  let client: Everruns;

  beforeAll(async () => {
    server = await startSseServer();
    server.play(sends(CONNECTED_FRAME + eventFrame(deltaEvent(1))));
    client = new Everruns({ baseUrl: `${server.url}/`, apiKey: "dev" });
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.requests.length = 0;
  });

  async function urlFor(options: StreamEventsOptions): Promise<string> {
    await take(streamEvents(client, SESSION_ID, options), 1);
    return server.requests.at(-1)?.url ?? "";
  }

  const path = `/v1/sessions/${SESSION_ID}/sse`;

  it("has no query by default", async () => {
    expect(await urlFor({})).toBe(path);
  });

  it("sends nothing for empty arrays", async () => {
    expect(await urlFor({ types: [], exclude: [] })).toBe(path);
  });

  it("repeats the key once per type, never comma-joined or with []", async () => {
    expect(await urlFor({ types: ["turn.started", "turn.completed"] })).toBe(
      `${path}?types=turn.started&types=turn.completed`,
    );
    expect(await urlFor({ exclude: ["output.message.delta", "reason.thinking.delta"] })).toBe(
      `${path}?exclude=output.message.delta&exclude=reason.thinking.delta`,
    );
  });

  it("URL-encodes since_id", async () => {
    const url = await urlFor({ sinceId: "event_a b&c=d/é?#" });
    expect(url).toBe(`${path}?since_id=event_a%20b%26c%3Dd%2F%C3%A9%3F%23`);
    expect(server.requests[0]?.query.get("since_id")).toBe("event_a b&c=d/é?#");
  });

  it("combines since_id, types and exclude", async () => {
    const url = await urlFor({
      sinceId: "event_0196831a20837ddbb05fd8f6d0c8f64a",
      types: ["output.message.delta", "turn.completed"],
      exclude: ["turn.completed"],
    });
    expect(url).toBe(
      `${path}?since_id=event_0196831a20837ddbb05fd8f6d0c8f64a&types=output.message.delta&types=turn.completed&exclude=turn.completed`,
    );
  });
});
