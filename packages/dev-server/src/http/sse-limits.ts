import { ApiProblem } from "./problem.js";

/** Default most SSE connections open on one session at once. */
export const DEFAULT_MAX_STREAMS_PER_SESSION = 32;
/** Default most SSE connections open on the whole server at once. */
export const DEFAULT_MAX_STREAMS = 512;

/** How many SSE connections may be open at once. */
export interface SseLimitSettings {
  /** Per session. Default {@link DEFAULT_MAX_STREAMS_PER_SESSION}. */
  perSession: number;
  /** On the whole server. Default {@link DEFAULT_MAX_STREAMS}. */
  total: number;
}

/**
 * Counts open SSE connections, per session and in total, so that clients opening streams
 * without end cannot hold the server's memory and file descriptors: a connection over either
 * limit is refused with 429 `too_many_streams` before anything is queued for it.
 */
export class SseLimits {
  readonly #settings: SseLimitSettings;
  readonly #perSession = new Map<string, number>();
  #total = 0;

  /** Limits that are missing or not positive integers take their defaults. */
  constructor(settings: { perSession?: number | undefined; total?: number | undefined } = {}) {
    this.#settings = {
      perSession: countOr(settings.perSession, DEFAULT_MAX_STREAMS_PER_SESSION),
      total: countOr(settings.total, DEFAULT_MAX_STREAMS),
    };
  }

  /** Open connections on the whole server. */
  get open(): number {
    return this.#total;
  }

  /**
   * Takes a slot for a new connection on `sessionId`; returns the function that gives it back
   * (calling it more than once is harmless). Throws a 429 problem when a limit is reached.
   */
  acquire(sessionId: string): () => void {
    const inSession = this.#perSession.get(sessionId) ?? 0;
    if (inSession >= this.#settings.perSession) {
      throw tooMany(
        `Session ${sessionId} already has ${inSession} open event streams (at most ${this.#settings.perSession}); close one first.`,
      );
    }
    if (this.#total >= this.#settings.total) {
      throw tooMany(
        `The dev server already has ${this.#total} open event streams (at most ${this.#settings.total}); close one first.`,
      );
    }
    this.#perSession.set(sessionId, inSession + 1);
    this.#total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total--;
      const left = (this.#perSession.get(sessionId) ?? 1) - 1;
      if (left > 0) this.#perSession.set(sessionId, left);
      else this.#perSession.delete(sessionId);
    };
  }
}

function tooMany(detail: string): ApiProblem {
  // A client that reconnects at once would hit the same wall: ask it to wait a little.
  return new ApiProblem(429, "too_many_streams", detail, { headers: { "retry-after": "1" } });
}

function countOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}
