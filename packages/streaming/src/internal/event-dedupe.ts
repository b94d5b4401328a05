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
 * looked up among the last {@link REMEMBERED_EVENTS}.
 *
 * What is remembered of an event with a `sequence` is that number and a 32-bit hash of its
 * id, in two typed arrays: a repeat has both, and a different event would need the same
 * sequence (which a server hands out once) and a colliding hash. Ids are not kept as strings
 * because holding 10,000 freshly parsed strings made the garbage collector copy and promote
 * every one of them (~0.2 µs per event, bench/README.md, benchmark 1); an earlier `Set` of
 * every id cost ~1.5 µs per event. Events without a `sequence` keep their id itself.
 *
 * Once lookups become frequent (the first event without a `sequence`, or the first
 * regression), a map of the remembered keys replaces the newest-first scan.
 *
 * A single event with an absurd `sequence` (2^53 − 1, say) must not hide everything after it:
 * later events with unknown ids are `regressed` (delivered) as long as their sequence is not
 * below every remembered one; only a real repeat, known by its sequence and id (or by the
 * outlier's own sequence, once it left the window), is dropped quietly.
 */
export class EventDedupe {
  readonly #window: number;
  // The remembered events in arrival order, as parallel rings: sequence (NaN when absent) and
  // the id's hash; the id itself only for events without a sequence (the ring exists from the
  // first such event). They start small and grow to the window, so a short stream holds a few
  // kilobytes, not the 120 KB a full window takes.
  #sequences: Float64Array;
  #hashes: Int32Array;
  #ids: (string | undefined)[] | undefined;
  #next = 0;
  #count = 0;
  #mark: number | undefined;
  // Remembered keys (see `keyOf`) and how many slots hold each, once lookups are frequent.
  #index: Map<string, number> | undefined;
  // Lowest remembered sequence, recomputed only after the event holding it left the window.
  #lowest = Number.POSITIVE_INFINITY;
  #lowestKnown = true;
  // Marks that later events went below (the absurd sequence itself): a repeat of the event that
  // set one is refused even after it left the window. Bounded; a server this broken is rare.
  readonly #outliers = new Set<number>();

  constructor(window = REMEMBERED_EVENTS) {
    this.#window = window;
    const slots = Math.min(window, INITIAL_SLOTS);
    this.#sequences = new Float64Array(slots);
    this.#hashes = new Int32Array(slots);
  }

  /** Decides whether `event` may be delivered; see {@link DedupeVerdict}. Records nothing. */
  check(event: SessionEvent): DedupeVerdict {
    const sequence = event.sequence;
    if (typeof sequence !== "number") {
      if (this.#index === undefined) this.#buildIndex();
      return this.#knows(Number.NaN, event.id) ? "duplicate" : "new";
    }
    if (this.#mark === undefined || sequence > this.#mark) return "new";
    if (this.#knows(sequence, event.id) || this.#outliers.has(sequence)) return "duplicate";
    // Every delivered event still remembered, or a sequence inside the remembered range: a
    // repeat would have been known, so this one is new.
    if (this.#count < this.#window || sequence >= this.#lowestRemembered()) return "regressed";
    return "stale";
  }

  /** Records `event` as delivered; `verdict` is what {@link check} said about it. */
  remember(event: SessionEvent, verdict: DedupeVerdict = "new"): void {
    const slot = this.#next;
    const sequence = typeof event.sequence === "number" ? event.sequence : Number.NaN;
    if (this.#count === this.#window) {
      const evicted = this.#sequences[slot] as number;
      if (evicted === this.#lowest) this.#lowestKnown = false;
      if (this.#index !== undefined) this.#unindex(this.#slotKey(slot));
    } else {
      // Not full yet, so nothing has wrapped: `slot` is `#count`.
      if (slot === this.#sequences.length) this.#grow();
      this.#count++;
    }
    const hash = hashId(event.id);
    this.#sequences[slot] = sequence;
    this.#hashes[slot] = hash;
    if (this.#ids !== undefined) this.#ids[slot] = Number.isNaN(sequence) ? event.id : undefined;
    this.#next = slot + 1 === this.#window ? 0 : slot + 1;
    if (Number.isNaN(sequence)) {
      if (this.#ids === undefined) {
        this.#ids = [];
        this.#ids[slot] = event.id;
      }
      if (this.#index === undefined) this.#buildIndex();
      else this.#indexKey(keyOf(sequence, hash, event.id));
      return;
    }
    if (this.#index !== undefined) this.#indexKey(keyOf(sequence, hash, event.id));
    if (sequence < this.#lowest) this.#lowest = sequence;
    if (verdict === "regressed") {
      if (this.#index === undefined) this.#buildIndex();
      if (this.#outliers.size >= MAX_OUTLIERS) this.#outliers.clear();
      if (this.#mark !== undefined) this.#outliers.add(this.#mark);
    }
    if (this.#mark === undefined || sequence > this.#mark) this.#mark = sequence;
  }

  /** Whether a remembered event has this sequence (NaN: none) and id. */
  #knows(sequence: number, id: string): boolean {
    const hash = hashId(id);
    if (this.#index !== undefined) return this.#index.has(keyOf(sequence, hash, id));
    // Newest first: a replay after a reconnect repeats the most recent events, so this usually
    // stops after a few steps; a full scan happens only for an event that is then delivered.
    for (let k = 1; k <= this.#count; k++) {
      const slot = (this.#next - k + this.#window) % this.#window;
      if (this.#sequences[slot] === sequence && this.#hashes[slot] === hash) return true;
    }
    return false;
  }

  /** Doubles the rings (up to the window); called only before they first wrap. */
  #grow(): void {
    const slots = Math.min(this.#window, this.#sequences.length * 2);
    const sequences = new Float64Array(slots);
    sequences.set(this.#sequences);
    this.#sequences = sequences;
    const hashes = new Int32Array(slots);
    hashes.set(this.#hashes);
    this.#hashes = hashes;
  }

  #slotKey(slot: number): string {
    return keyOf(this.#sequences[slot] as number, this.#hashes[slot] as number, this.#ids?.[slot]);
  }

  #indexKey(key: string): void {
    const index = this.#index as Map<string, number>;
    index.set(key, (index.get(key) ?? 0) + 1);
  }

  #unindex(key: string): void {
    const index = this.#index as Map<string, number>;
    const held = index.get(key) ?? 0;
    if (held <= 1) index.delete(key);
    else index.set(key, held - 1);
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
    this.#index = new Map();
    for (let slot = 0; slot < this.#count; slot++) this.#indexKey(this.#slotKey(slot));
  }
}

/**
 * The key a remembered event is found by once the index exists: its sequence and id hash, or
 * its id when it had no sequence.
 */
function keyOf(sequence: number, hash: number, id: string | undefined): string {
  return Number.isNaN(sequence) ? `id:${id}` : `${sequence}:${hash}`;
}

/** FNV-1a, 32 bits, over the id's UTF-16 code units. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash;
}
