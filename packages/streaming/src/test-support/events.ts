import type { SessionEvent } from "@everruns/core";

export const SESSION_ID = "session_0196831a20837ddbb05fd8f6d0c8f64a";
export const TURN_ID = "turn_0196831a20837ddbb05fd8f6d0c8f001";

/** The id of the n-th event: `event_` + 32 hex digits that sort like n. */
export function eventId(n: number): string {
  return `event_0196831a2083${n.toString(16).padStart(20, "0")}`;
}

/** A text delta event, the n-th of the session (its `sequence` is n). */
export function deltaEvent(n: number, text = `chunk ${n} `): SessionEvent {
  return {
    id: eventId(n),
    type: "output.message.delta",
    ts: "2026-11-23T10:00:00Z",
    session_id: SESSION_ID,
    sequence: n,
    context: { turn_id: TURN_ID },
    data: { turn_id: TURN_ID, delta: text, accumulated: text },
  };
}

/** Events 1..count. */
export function deltaEvents(count: number, from = 1): SessionEvent[] {
  return Array.from({ length: count }, (_, i) => deltaEvent(from + i));
}

/** A small deterministic PRNG (mulberry32), so random cut points are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
