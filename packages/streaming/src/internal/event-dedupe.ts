import type { SessionEvent } from "@everruns/core";

/** How many recent event ids are remembered to catch a repeat after a reconnect. */
const REMEMBERED_IDS = 10_000;

/**
 * Recognises events already handed to the caller, across reconnects: by id among the most
 * recent ones, and by `sequence` (the event's position in the session's log) when both events
 * carry one, which also catches repeats older than the remembered ids.
 */
export class EventDedupe {
  readonly #ids = new Set<string>();
  // The remembered ids in arrival order, as a ring: the oldest is dropped in O(1). (Taking the
  // first value of the Set instead walks over every deleted entry until V8 compacts it, which
  // made this the hottest line of the stream.)
  readonly #ring: (string | undefined)[] = new Array(REMEMBERED_IDS);
  #next = 0;
  #lastSequence: number | undefined;

  /** True when `event` was already delivered. */
  isDuplicate(event: SessionEvent): boolean {
    if (this.#ids.has(event.id)) return true;
    const sequence = event.sequence;
    return (
      typeof sequence === "number" &&
      this.#lastSequence !== undefined &&
      sequence <= this.#lastSequence
    );
  }

  /** Records `event` as delivered. */
  remember(event: SessionEvent): void {
    const oldest = this.#ring[this.#next];
    if (oldest !== undefined) this.#ids.delete(oldest);
    this.#ring[this.#next] = event.id;
    this.#next = (this.#next + 1) % REMEMBERED_IDS;
    this.#ids.add(event.id);
    if (typeof event.sequence === "number") this.#lastSequence = event.sequence;
  }
}
