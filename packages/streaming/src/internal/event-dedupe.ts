import type { SessionEvent } from "@everruns/core";

/** How many recent events are remembered to catch a repeat after a reconnect. */
export const REMEMBERED_EVENTS = 10_000;

/** Slots a window starts with; it doubles up to its size as events arrive. */
const INITIAL_SLOTS = 256;

/** Most marks kept in {@link EventDedupe}'s outlier set. */
const MAX_OUTLIERS = 1_000;

/**
 * What {@link EventDedupe.check} decided about an event:
 * - `new`: deliver it (the common case).
 * - `duplicate`: its id was delivered recently; drop it quietly.
 * - `stale`: its id is unknown but its `sequence` is below every remembered event's, which is
 *   what a replay of events older than the remembered window looks like; drop it, with a warning.
 * - `regressed`: its id is unknown and its `sequence` is at or below the highest delivered one
 *   but not below every remembered one: no delivered event can be this one (it would be among
 *   the remembered ids), so it is new and the sequence went backwards (after one absurd
 *   `sequence`, say); deliver it, with a warning.
 */
export type DedupeVerdict = "new" | "duplicate" | "stale" | "regressed";

/**
 * Recognises events already handed to the caller, across reconnects.
 *
 * An event whose `sequence` is above the highest delivered one is new: one number comparison,
 * the path nearly every event takes. Only an event at or below that mark (a replay after a
 * reconnect, or a server whose sequence went backwards) and an event without a `sequence` are
 * looked up by id among the last {@link REMEMBERED_EVENTS}.
 *
 * Why not a `Set` of every id: hashing each freshly parsed id string and keeping a
 * 10,000-entry set current cost ~1.5 µs per event, a third of the client's CPU budget
 * (bench/README.md, benchmark 1). The set is built only when lookups become frequent: the
 * first event without a `sequence`, or the first regression.
 *
 * A single event with an absurd `sequence` (2^53 − 1, say) must not hide everything after it:
 * later events with unknown ids are `regressed` (delivered) as long as their sequence is not
 * below every remembered one; only a real repeat, known by id (or by the outlier's own
 * sequence, once its id left the window), is dropped quietly. In that state every event takes
 * the id lookup again (the pre-optimisation cost), which is correct, only slower.
 */
export class EventDedupe {
  readonly #window: number;
  // The remembered events in arrival order, as two parallel rings (id; sequence or NaN). They
  // start small and grow to the window, so a short stream holds a few kilobytes.
  readonly #ids: (string | undefined)[] = [];
  #sequences: Float64Array;
  #next = 0;
  #count = 0;
  #mark: number | undefined;
  #idIndex: Set<string> | undefined;
  // Lowest remembered sequence, recomputed only after the event holding it left the window.
  #lowest = Number.POSITIVE_INFINITY;
  #lowestKnown = true;
  // Marks that later events went below (the absurd sequence itself): a repeat of the event that
  // set one is refused even after it left the window. Bounded; a server this broken is rare.
  readonly #outliers = new Set<number>();

  constructor(window = REMEMBERED_EVENTS) {
    this.#window = window;
    this.#sequences = new Float64Array(Math.min(window, INITIAL_SLOTS));
  }

  /** Decides whether `event` may be delivered; see {@link DedupeVerdict}. Records nothing. */
  check(event: SessionEvent): DedupeVerdict {
    const sequence = event.sequence;
    if (typeof sequence !== "number") return this.#knows(event.id) ? "duplicate" : "new";
    if (this.#mark === undefined || sequence > this.#mark) return "new";
    if (this.#knows(event.id) || this.#outliers.has(sequence)) return "duplicate";
    // Every delivered event still remembered, or a sequence inside the remembered range: a
    // repeat would have been known by id, so this one is new.
    if (this.#count < this.#window || sequence >= this.#lowestRemembered()) return "regressed";
    return "stale";
  }

  /** Records `event` as delivered; `verdict` is what {@link check} said about it. */
  remember(event: SessionEvent, verdict: DedupeVerdict = "new"): void {
    const slot = this.#next;
    const full = this.#count === this.#window;
    if (full) {
      const evicted = this.#sequences[slot] as number;
      if (evicted === this.#lowest) this.#lowestKnown = false;
      if (this.#idIndex !== undefined) this.#idIndex.delete(this.#ids[slot] as string);
    } else {
      // Not full yet, so nothing has wrapped: `slot` is `#count`.
      if (slot === this.#sequences.length) this.#grow();
      this.#count++;
    }
    this.#idIndex?.add(event.id);
    this.#ids[slot] = event.id;
    const sequence = event.sequence;
    this.#next = slot + 1 === this.#window ? 0 : slot + 1;
    if (typeof sequence !== "number") {
      this.#sequences[slot] = Number.NaN;
      if (this.#idIndex === undefined) this.#buildIndex();
      return;
    }
    this.#sequences[slot] = sequence;
    if (sequence < this.#lowest) this.#lowest = sequence;
    if (verdict === "regressed") {
      if (this.#idIndex === undefined) this.#buildIndex();
      if (this.#outliers.size >= MAX_OUTLIERS) this.#outliers.clear();
      if (this.#mark !== undefined) this.#outliers.add(this.#mark);
    }
    if (this.#mark === undefined || sequence > this.#mark) this.#mark = sequence;
  }

  /** Doubles the sequence ring (up to the window); called only before it first wraps. */
  #grow(): void {
    const sequences = new Float64Array(Math.min(this.#window, this.#sequences.length * 2));
    sequences.set(this.#sequences);
    this.#sequences = sequences;
  }

  #knows(id: string): boolean {
    if (this.#idIndex !== undefined) return this.#idIndex.has(id);
    // Newest first: a replay after a reconnect repeats the most recent events, so this usually
    // stops after a few steps; a full scan happens only for an event that is then delivered.
    for (let k = 1; k <= this.#count; k++) {
      const slot = (this.#next - k + this.#window) % this.#window;
      if (this.#ids[slot] === id) return true;
    }
    return false;
  }

  #lowestRemembered(): number {
    if (!this.#lowestKnown) {
      let lowest = Number.POSITIVE_INFINITY;
      for (let slot = 0; slot < this.#count; slot++) {
        const sequence = this.#sequences[slot] as number;
        if (sequence < lowest) lowest = sequence;
      }
      this.#lowest = lowest;
      this.#lowestKnown = true;
    }
    return this.#lowest;
  }

  #buildIndex(): void {
    const index = new Set<string>();
    for (let slot = 0; slot < this.#count; slot++) {
      const id = this.#ids[slot];
      if (id !== undefined) index.add(id);
    }
    this.#idIndex = index;
  }
}
