/**
 * Calls `onIdle` once when `reset` has not been called for `timeoutMs` (time spent paused does
 * not count). Started at once, so it also covers the wait for response headers.
 *
 * `reset` runs once per body chunk, so it re-arms the same timer (`refresh()` in Node, no new
 * timer object) where the runtime offers that, and `pause` only sets a flag.
 */
export class IdleTimer {
  readonly #timeoutMs: number;
  readonly #onIdle: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #paused = false;
  #stopped = false;

  constructor(timeoutMs: number, onIdle: () => void) {
    this.#timeoutMs = timeoutMs;
    this.#onIdle = onIdle;
    this.reset();
  }

  /** Starts the wait over (and ends a pause): the connection showed it is alive. */
  reset(): void {
    if (this.#stopped) return;
    this.#paused = false;
    const timer = this.#timer as { refresh?: () => unknown } | undefined;
    if (timer !== undefined && typeof timer.refresh === "function") {
      timer.refresh();
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // Fired during a pause: the caller holds events; `reset` starts a full wait afterwards.
      if (!this.#paused) this.#onIdle();
    }, this.#timeoutMs);
  }

  /** Stops counting until the next `reset`. */
  pause(): void {
    this.#paused = true;
  }

  /** Stops watching for good. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
