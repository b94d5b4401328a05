import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventQuery, EventRow } from "./events-repo.js";
import { nextStep, queryInSteps, type SteppedSource } from "./stepped-event-query.js";
import { Store } from "./store.js";

const SESSION = "session_01";
const OTHER = "session_02";
const TOTAL = 5_000;
const TYPES = ["output.message.delta", "tool.started", "turn.completed"];

let store: Store;

function row(sessionId: string, sequence: number): EventRow {
  const type = TYPES[sequence % 3] ?? "turn.completed";
  const word = sequence % 7 === 0 ? "needle" : "hay";
  return {
    id: `event_${sessionId}_${String(sequence).padStart(6, "0")}`,
    session_id: sessionId,
    sequence,
    type,
    ts: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString(),
    turn_id: `turn_${Math.floor(sequence / 100)}`,
    exec_id: null,
    trace_id: null,
    tool_name: null,
    tags: null,
    doc: JSON.stringify({ sequence, type, data: { text: `${word} ${sequence}` } }),
  };
}

beforeAll(() => {
  store = new Store(":memory:");
  const rows: EventRow[] = [];
  for (let n = 1; n <= TOTAL; n++) rows.push(row(SESSION, n), row(OTHER, n));
  store.events.insertMany(rows);
});
afterAll(() => store.close());

const sequences = (rows: readonly { sequence: number }[]) => rows.map((r) => r.sequence);

describe("queryInSteps", () => {
  // The one-shot query is the reference: stepping must not change any answer.
  const cases: Omit<EventQuery, "sessionId">[] = [
    {},
    { limit: 1000 },
    { limit: 1000, lastN: true },
    { q: "needle" },
    { q: "NEEDLE", limit: 25 },
    { q: "needle", limit: 25, lastN: true },
    { q: "needle", afterSequence: 1_234, limit: 300 },
    { q: "needle", beforeSequence: 4_321, limit: 300, lastN: true },
    { q: "needle", afterSequence: 999, beforeSequence: 3_001 },
    { types: ["tool.started"], afterSequence: 2_500, limit: 10 },
    { exclude: ["output.message.delta"], limit: 700, lastN: true },
    { turnId: "turn_37" },
    { q: "nothing matches this" },
    { afterSequence: TOTAL },
    { beforeSequence: 1 },
    { afterSequence: 10, beforeSequence: 11 },
    { afterSequence: 10, beforeSequence: 12, limit: 1 },
  ];
  for (const filters of cases) {
    it(`answers ${JSON.stringify(filters)} exactly as one query does`, async () => {
      const query = { sessionId: SESSION, ...filters };
      const expected = store.events.query(query);
      const stepped = await queryInSteps(store.events, query);
      expect(sequences(stepped)).toEqual(sequences(expected));
      expect(stepped.every((event) => event.id.startsWith(`event_${SESSION}_`))).toBe(true);
    });
  }

  it("hands the event loop back while it scans", async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    let finished = false;
    const search = queryInSteps(store.events, { sessionId: SESSION, q: "nothing" }).then((rows) => {
      finished = true;
      return rows;
    });
    // A synchronous scan would finish before this timer callback could run even once.
    await new Promise((resolve) => setImmediate(resolve));
    const duringScan = !finished;
    expect(await search).toEqual([]);
    clearInterval(ticker);
    expect(duringScan).toBe(true);
    expect(turns).toBeGreaterThan(0);
  });

  it("never repeats or skips an event when steps run slow and the window shrinks", async () => {
    // Every step overruns its budget, so the window shrinks 1000 → 250 → 62 → 16 (a fractional
    // 62.5 once made consecutive windows overlap by one sequence).
    const slow: SteppedSource = {
      maxSequence: (id) => store.events.maxSequence(id),
      query: (query) => {
        const until = performance.now() + 40;
        while (performance.now() < until) {
          // A slow step, as a search over large documents is.
        }
        return store.events.query(query);
      },
    };
    for (const query of [
      { sessionId: SESSION, afterSequence: 0, beforeSequence: 1_600 },
      { sessionId: SESSION, beforeSequence: 1_600, limit: 1_500, lastN: true },
    ]) {
      const rows = await queryInSteps(slow, query);
      expect(sequences(rows)).toEqual(sequences(store.events.query(query)));
      expect(new Set(sequences(rows)).size).toBe(rows.length);
    }
  });

  it("keeps every window a whole number of sequences", () => {
    for (const [step, elapsed] of [
      [1_000, 100],
      [250, 100],
      [62, 1_000],
      [16, 0.3],
      [8_192, 0.001],
      [333, 7],
    ] as const) {
      const next = nextStep(step, elapsed);
      expect(Number.isInteger(next)).toBe(true);
      expect(next).toBeGreaterThanOrEqual(16);
      expect(next).toBeLessThanOrEqual(8_192);
    }
  });

  it("does not walk empty windows for a cursor far below the first sequence", async () => {
    let calls = 0;
    const counted: SteppedSource = {
      maxSequence: (id) => store.events.maxSequence(id),
      query: (query) => {
        calls++;
        return store.events.query(query);
      },
    };
    const rows = await queryInSteps(counted, {
      sessionId: SESSION,
      afterSequence: -2_147_483_648,
      limit: 10,
    });
    expect(sequences(rows)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(calls).toBe(1);
  });
});
