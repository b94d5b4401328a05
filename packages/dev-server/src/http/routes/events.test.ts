import type { SessionEvent } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  assertMatchesSchema,
  createSession,
  sendMessage,
  startTestServer,
  waitForTurnEnds,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;
let sessionId: string;
let all: SessionEvent[];

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
  sessionId = await createSession(api);
  await sendMessage(api, sessionId, "first question");
  await sendMessage(api, sessionId, "second question");
  all = await waitForTurnEnds(api, sessionId, 2);
});
afterAll(() => server.close());

const list = async (query: string) => {
  const response = await api.get(`/v1/sessions/${sessionId}/events${query}`);
  expect(response.status).toBe(200);
  return response.json.data as SessionEvent[];
};

describe("listing events", () => {
  it("returns every event oldest first, matching the spec", async () => {
    const response = await api.get(`/v1/sessions/${sessionId}/events`);
    assertMatchesSchema("EventList", response.json);
    expect(response.headers.get("x-total-count")).toBeNull();
    expect(response.json.data.map((event: SessionEvent) => event.sequence)).toEqual(
      all.map((_, i) => i + 1),
    );
  });

  it("filters by since_id, after_sequence and before_sequence", async () => {
    expect((await list(`?since_id=${all[3]?.id}`)).map((e) => e.id)).toEqual(
      all.slice(4).map((e) => e.id),
    );
    expect((await list("?after_sequence=10&before_sequence=13")).map((e) => e.sequence)).toEqual([
      11, 12,
    ]);
  });

  it("filters by types then exclude, with repeated keys", async () => {
    const types = await list(
      "?types=turn.started&types=turn.completed&types=input.message&exclude=input.message",
    );
    expect(types.map((e) => e.type)).toEqual([
      "turn.started",
      "turn.completed",
      "turn.started",
      "turn.completed",
    ]);
  });

  it("refuses unknown types and more than 25 with 400", async () => {
    const unknown = await api.get(`/v1/sessions/${sessionId}/events?types=nope.nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.code).toBe("unknown_event_type");
    const many = Array.from({ length: 26 }, () => "exclude=turn.started").join("&");
    expect((await api.get(`/v1/sessions/${sessionId}/events?${many}`)).status).toBe(400);
  });

  it("with limit returns the last N and X-Total-Count of non-delta events", async () => {
    const response = await api.get(`/v1/sessions/${sessionId}/events?limit=3`);
    expect(response.json.data.map((e: SessionEvent) => e.id)).toEqual(
      all.slice(-3).map((e) => e.id),
    );
    const nonDelta = all.filter((e) => !e.type.endsWith(".delta")).length;
    expect(response.headers.get("x-total-count")).toBe(String(nonDelta));
  });

  it("with limit and since_id pages forward", async () => {
    expect((await list(`?since_id=${all[0]?.id}&limit=2`)).map((e) => e.sequence)).toEqual([2, 3]);
  });

  it("filters by turn_id, q, time range and order_desc", async () => {
    const secondTurn = all.find((e) => e.type === "turn.started" && e.sequence && e.sequence > 5)
      ?.context.turn_id;
    const ofTurn = await list(`?turn_id=${secondTurn}`);
    expect(ofTurn.length).toBeGreaterThan(3);
    expect(ofTurn.every((e) => e.context.turn_id === secondTurn)).toBe(true);
    expect((await list("?q=SECOND%20QUESTION&types=input.message")).length).toBe(1);
    const to = encodeURIComponent(all[2]?.ts ?? "");
    expect((await list(`?to_ts=${to}`)).every((e) => e.ts <= (all[2]?.ts ?? ""))).toBe(true);
    expect((await list("?order_desc=true")).map((e) => e.sequence)).toEqual(
      all.map((e) => e.sequence).reverse(),
    );
  });

  it("returns a window around an event, and refuses around with a cursor", async () => {
    expect((await list(`?around=${all[4]?.id}&window=1`)).map((e) => e.sequence)).toEqual([
      4, 5, 6,
    ]);
    const conflict = await api.get(
      `/v1/sessions/${sessionId}/events?around=${all[4]?.id}&after_sequence=1`,
    );
    expect(conflict.status).toBe(400);
    expect(conflict.json.code).toBe("conflicting_parameters");
  });
});
