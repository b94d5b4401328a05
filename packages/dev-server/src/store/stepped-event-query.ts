import { setImmediate as nextTurn } from "node:timers/promises";
import type { EventDoc, EventQuery, EventsRepo } from "./events-repo.js";

/** What a stepped scan reads: the repository's query and the session's highest sequence. */
export type SteppedSource = Pick<EventsRepo, "query" | "maxSequence">;

/** Sequences scanned by the first step; later steps adapt to how long a step took. */
const FIRST_STEP = 1_000;
const MIN_STEP = 16;
const MAX_STEP = 8_192;
/** How long one step should hold the event loop. */
const STEP_BUDGET_MS = 8;

/**
 * Runs an event query in steps over ranges of `sequence`, handing the event loop back between
 * steps, so a scan of a large session (a `q=` text search reads every stored document) never
 * stalls other requests or live streams. The answer is the same as {@link EventsRepo.query}'s
 * for the session's events up to the highest sequence when the search began.
 *
 * Sequences are unique per session and start at 1, so a range of N sequences holds at most N
 * rows (gaps only make windows emptier); the range shrinks when a step overran its time budget
 * (large documents) and grows when it was quick. It is always a whole number, so consecutive
 * windows never overlap.
 */
export async function queryInSteps(repo: SteppedSource, query: EventQuery): Promise<EventDoc[]> {
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  // Sequences start at 1: a cursor below 0 (the API's int32 allows -2^31) must not make the
  // scan walk hundreds of thousands of empty windows.
  const floor = Math.max(query.afterSequence ?? 0, 0); // exclusive
  const ceiling = Math.min(
    query.beforeSequence ?? Number.POSITIVE_INFINITY,
    repo.maxSequence(query.sessionId) + 1,
  ); // exclusive
  const found: EventDoc[][] = [];
  let count = 0;
  let step = FIRST_STEP;
  const backward = query.lastN === true && query.limit !== undefined;
  // Forward: windows (low, low + step] from the floor up. Backward: from the ceiling down.
  let edge = backward ? ceiling : floor;
  while (count < limit && (backward ? edge - 1 > floor : edge + 1 < ceiling)) {
    const low = backward ? Math.max(edge - 1 - step, floor) : edge;
    const high = backward ? edge : Math.min(edge + step + 1, ceiling);
    const started = performance.now();
    const rows = repo.query({
      ...query,
      afterSequence: low,
      beforeSequence: high,
      limit: Number.isFinite(limit) ? limit - count : undefined,
      lastN: backward,
    });
    if (rows.length > 0) {
      if (backward) found.unshift(rows);
      else found.push(rows);
      count += rows.length;
    }
    edge = backward ? low + 1 : high - 1;
    step = nextStep(step, performance.now() - started);
    if (count < limit) await nextTurn();
  }
  return found.flat();
}

/** The next window's size in sequences: a whole number between {@link MIN_STEP} and {@link MAX_STEP}. */
export function nextStep(step: number, elapsedMs: number): number {
  const scaled = elapsedMs > 0 ? (step * STEP_BUDGET_MS) / elapsedMs : step * 2;
  // Change by at most a factor of 4 per step, so one odd step does not swing the size.
  const bounded = Math.max(step / 4, Math.min(scaled, step * 4));
  return Math.min(MAX_STEP, Math.max(MIN_STEP, Math.floor(bounded)));
}
