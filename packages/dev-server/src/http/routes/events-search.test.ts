import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../../start-dev-server.js";
import type { EventRow } from "../../store/events-repo.js";
import { type SeededServer, startSeededServer } from "../../test-support/seeded-server.js";
import type { ApiClient } from "../../test-support/test-server.js";

// A session far larger than any page: 24,000 stored events of ~4 KB (96 MB of JSON), written
// straight into the database before the server starts, as a long-lived session would be.
const EVENTS = 24_000;
const FILLER = "lorem ipsum ".repeat(340);

let seeded: SeededServer;
let server: DevServer;
let api: ApiClient;
let sessionId: string;
/** The sequence of the one event that contains "the marker". */
let markerSequence: number;

beforeAll(async () => {
  seeded = await startSeededServer(1, (store, [id = ""]) => {
    const rows: EventRow[] = [];
    // After the events the session's creation stored.
    const start = store.events.maxSequence(id);
    markerSequence = start + 21_337;
    for (let sequence = start + 1; sequence <= start + EVENTS; sequence++) {
      const eventId = `event_0199a000000070008000${String(sequence).padStart(12, "0")}`;
      const text = sequence === markerSequence ? `the marker ${FILLER}` : FILLER;
      rows.push({
        id: eventId,
        session_id: id,
        sequence,
        type: "output.message.delta",
        ts: new Date(Date.UTC(2026, 0, 1) + sequence).toISOString(),
        turn_id: null,
        exec_id: null,
        trace_id: null,
        tool_name: null,
        tags: null,
        doc: JSON.stringify({
          id: eventId,
          type: "output.message.delta",
          sequence,
          data: { delta: text },
        }),
      });
      if (rows.length === 1_000) store.events.insertMany(rows.splice(0));
    }
  });
  ({ server, api } = seeded);
  sessionId = seeded.sessionIds[0] ?? "";
}, 120_000);

afterAll(() => seeded?.close());

describe("q= search over a large session", () => {
  it("finds the one matching event, whichever way it pages", async () => {
    const forward = await api.get(
      `/v1/sessions/${sessionId}/events?q=THE%20MARKER&after_sequence=0`,
    );
    expect(forward.status).toBe(200);
    expect((forward.json.data as { sequence: number }[]).map((e) => e.sequence)).toEqual([
      markerSequence,
    ]);
    const last = await api.get(`/v1/sessions/${sessionId}/events?q=marker&limit=5`);
    expect((last.json.data as { sequence: number }[]).map((e) => e.sequence)).toEqual([
      markerSequence,
    ]);
  });

  it("does not stall other requests while it reads every stored event", async () => {
    let searchDone = false;
    const search = api.get(`/v1/sessions/${sessionId}/events?q=absent-everywhere`).then((r) => {
      searchDone = true;
      return r;
    });
    // Give the server time to start the scan, then ask for something cheap. A scan that holds
    // the event loop answers this only after the search; a stepped scan answers it in between.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const health = await fetch(`${server.url}/health`);
    const answeredDuringSearch = !searchDone;
    expect(health.status).toBe(200);
    const result = await search;
    expect(result.status).toBe(200);
    expect(result.json.data).toEqual([]);
    expect(answeredDuringSearch).toBe(true);
  });
});

describe("a session deleted while a search scans it", () => {
  it("answers 404, not a 200 with part of a log that no longer exists", async () => {
    const search = api.get(`/v1/sessions/${sessionId}/events?q=absent-everywhere`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await api.delete(`/v1/sessions/${sessionId}`)).status).toBeLessThan(300);
    const result = await search;
    expect(result.status).toBe(404);
    expect(result.headers.get("content-type")).toBe("application/problem+json");
  });
});
