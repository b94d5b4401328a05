/**
 * An append-only log that any number of readers iterate from the start, each at its own pace:
 * the way one turn's events reach `for await`, `textStream` and `result()` alike.
 */
export class EventLog<T> {
  readonly #items: T[] = [];
  #ended = false;
  #error: unknown;
  #failed = false;
  #wake: (() => void)[] = [];

  /** Appends an item; ignored once the log ended. */
  push(item: T): void {
    if (this.#ended) return;
    this.#items.push(item);
    this.#notify();
  }

  /** Ends the log; readers finish after the last item, or throw `error` when given. */
  end(error?: unknown, failed = error !== undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = error;
    this.#failed = failed;
    this.#notify();
  }

  /** True once {@link EventLog.end} was called. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Every item, past and future, in order. */
  async *read(): AsyncGenerator<T, void, undefined> {
    for (let index = 0; ; ) {
      if (index < this.#items.length) {
        yield this.#items[index++] as T;
        continue;
      }
      if (this.#ended) {
        if (this.#failed) throw this.#error;
        return;
      }
      await new Promise<void>((resolve) => this.#wake.push(resolve));
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = [];
    for (const resolve of wake) resolve();
  }
}
