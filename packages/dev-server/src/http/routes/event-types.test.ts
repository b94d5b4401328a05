import { KNOWN_EVENT_TYPES } from "@everruns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import {
  type ApiClient,
  apiClient,
  createSession,
  sendMessage,
  startTestServer,
  waitForTurnEnds,
} from "../../test-support/test-server.js";

let server: DevServer;
let api: ApiClient;
let sessionId: string;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
  sessionId = await createSession(api);
});
afterAll(() => server.close());

/** The known types in groups of at most 25 (the per-filter limit). */
function groups(): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < KNOWN_EVENT_TYPES.length; i += 25) {
    out.push(KNOWN_EVENT_TYPES.slice(i, i + 25));
  }
  return out;
}

const query = (name: string, values: readonly string[]) =>
  values.map((value) => `${name}=${encodeURIComponent(value)}`).join("&");

/** Opens the SSE stream with `search`, returns its status and content type, then hangs up. */
async function sseStatus(search: string): Promise<{ status: number; type: string | null }> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/v1/sessions/${sessionId}/sse?${search}`, {
    headers: { authorization: "dev" },
    signal: controller.signal,
  });
  const result = { status: response.status, type: response.headers.get("content-type") };
  controller.abort();
  await response.body?.cancel().catch(() => undefined);
  return result;
}

describe("event type filters", () => {
  it("knows the 40 event types of this branch, each once", () => {
    expect(KNOWN_EVENT_TYPES).toHaveLength(41);
    expect(new Set(KNOWN_EVENT_TYPES).size).toBe(KNOWN_EVENT_TYPES.length);
    for (const type of [
      "reason.item",
      "context.compacted",
      "task.message.received",
      "voice.session.failed",
    ]) {
      expect(KNOWN_EVENT_TYPES).toContain(type);
    }
  });

  it("the event list accepts every known type in types and in exclude", async () => {
    for (const group of groups()) {
      for (const name of ["types", "exclude"]) {
        const response = await api.get(`/v1/sessions/${sessionId}/events?${query(name, group)}`);
        expect(response.status, `${name}=${group.join(",")}`).toBe(200);
      }
    }
  });

  it("the SSE stream accepts every known type in types and in exclude", async () => {
    for (const group of groups()) {
      for (const name of ["types", "exclude"]) {
        const opened = await sseStatus(query(name, group));
        expect(opened.status, `${name}=${group.join(",")}`).toBe(200);
        expect(opened.type).toContain("text/event-stream");
      }
    }
  });

  it("both refuse a type nobody knows with a 400 problem", async () => {
    for (const name of ["types", "exclude"]) {
      const listed = await api.get(`/v1/sessions/${sessionId}/events?${name}=no.such.type`);
      expect(listed.status).toBe(400);
      expect(listed.headers.get("content-type")).toContain("application/problem+json");
      expect(listed.json.code).toBe("unknown_event_type");
      const streamed = await sseStatus(`${name}=no.such.type`);
      expect(streamed.status).toBe(400);
      expect(streamed.type).toContain("application/problem+json");
    }
  });

  it("filtering on a new type returns just those events", async () => {
    await sendMessage(api, sessionId, "hello");
    await waitForTurnEnds(api, sessionId, 1);
    const started = await api.get(`/v1/sessions/${sessionId}/events?types=session.started`);
    expect(started.json.data.map((event: { type: string }) => event.type)).toEqual([
      "session.started",
    ]);
  });
});
