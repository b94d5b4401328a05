/** A stored event as handed to live subscribers. */
export interface PublishedEvent {
  readonly id: string;
  readonly sessionId: string;
  readonly sequence: number;
  readonly type: string;
  /** The event serialized once, shared by every subscriber. */
  readonly json: string;
  /** Whether a turn was running when the event was published (drives the SSE `retry` hint). */
  readonly busy: boolean;
}

/** What a subscriber is told. */
export interface Subscriber {
  onEvent(event: PublishedEvent): void;
  /** The session was deleted: no more events will come. */
  onClose(): void;
}

/**
 * In-process fan-out of stored events to live subscribers (SSE connections), per session.
 * Events reach the bus only after they are committed to SQLite.
 */
export class EventBus {
  readonly #subscribers = new Map<string, Set<Subscriber>>();

  /** Adds a subscriber to a session; returns the function that removes it. */
  subscribe(sessionId: string, subscriber: Subscriber): () => void {
    let set = this.#subscribers.get(sessionId);
    if (!set) {
      set = new Set();
      this.#subscribers.set(sessionId, set);
    }
    set.add(subscriber);
    return () => {
      const current = this.#subscribers.get(sessionId);
      if (!current) return;
      current.delete(subscriber);
      if (current.size === 0) this.#subscribers.delete(sessionId);
    };
  }

  /** Hands an event to every subscriber of its session. A throwing subscriber hurts no other. */
  publish(event: PublishedEvent): void {
    const set = this.#subscribers.get(event.sessionId);
    if (!set) return;
    for (const subscriber of [...set]) {
      try {
        subscriber.onEvent(event);
      } catch {
        // A subscriber failing (e.g. its socket is gone) must not stop the others.
      }
    }
  }

  /** Tells every subscriber of a session that it is gone, and drops them. */
  closeSession(sessionId: string): void {
    const set = this.#subscribers.get(sessionId);
    this.#subscribers.delete(sessionId);
    for (const subscriber of set ?? []) {
      try {
        subscriber.onClose();
      } catch {
        // Same as in publish: isolate subscribers from each other.
      }
    }
  }

  /** Tells every subscriber of every session that no more events will come. */
  closeAll(): void {
    for (const sessionId of [...this.#subscribers.keys()]) this.closeSession(sessionId);
  }

  /** Number of live subscribers, all sessions together. */
  get size(): number {
    let n = 0;
    for (const set of this.#subscribers.values()) n += set.size;
    return n;
  }
}
