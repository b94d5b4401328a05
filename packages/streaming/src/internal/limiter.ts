/**
 * Runs at most `limit` tasks at once; the others wait in order. A task's slot is given back
 * when `release` is called (the runner does so on time-out too, so a tool that ignores its
 * signal cannot hold a slot for ever).
 */
export class Limiter {
  readonly #limit: number;
  readonly #waiting: (() => void)[] = [];
  #running = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Resolves with a one-shot `release` once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.#running >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    };
  }
}
