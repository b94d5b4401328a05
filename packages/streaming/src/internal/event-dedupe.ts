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
    this.#ids.add(event.id);
    if (this.#ids.size > REMEMBERED_IDS) {
      // A Set iterates in insertion order: the first entry is the oldest.
      const oldest = this.#ids.values().next().value;
      if (oldest !== undefined) this.#ids.delete(oldest);
    }
    if (typeof event.sequence === "number") this.#lastSequence = event.sequence;
  }
}
