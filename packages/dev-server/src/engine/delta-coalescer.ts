/** Default of the dev server's `deltaIntervalMs`: the hosted API batches deltas about this often. */
export const DEFAULT_DELTA_INTERVAL_MS = 100;

/**
 * Joins a model's text chunks into one `output.message.delta` at most every `intervalMs`, the
 * way the hosted API batches them (api-notes: "batched about every 100 ms"). The first chunk
 * goes out at once (time to first token stays low); chunks arriving within the interval
 * after an emitted delta wait and leave together, with `accumulated` the full text so far.
 * `intervalMs` 0 emits every chunk as its own delta (tests that count tokens).
 *
 * Why: one event per model token, each carrying the whole `accumulated` text, made the
 * 1,000-subscriber load benchmark parse hundreds of MB per round (bench 3).
 *
 * The caller must {@link flush} before emitting any other event of the turn, so the log's
 * order stays what the model produced, and {@link cancel} when the turn stops.
 */
export class DeltaCoalescer {
  readonly #intervalMs: number;
  readonly #emit: (delta: string, accumulated: string) => void;
  #pending = "";
  #accumulated = "";
  #lastEmitAt = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(intervalMs: number, emit: (delta: string, accumulated: string) => void) {
    this.#intervalMs = intervalMs;
    this.#emit = emit;
  }

  /** A chunk of text from the model; `accumulated` is the whole text including it. */
  push(delta: string, accumulated: string): void {
    this.#pending += delta;
    this.#accumulated = accumulated;
    if (this.#timer !== undefined) return;
    const wait = this.#lastEmitAt + this.#intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.#timer = setTimeout(() => this.flush(), wait);
  }

  /** Emits what is waiting now, if anything. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending === "") return;
    const delta = this.#pending;
    this.#pending = "";
    this.#lastEmitAt = performance.now();
    this.#emit(delta, this.#accumulated);
  }

  /** Drops what is waiting (the turn stopped) and the timer with it. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = "";
  }
}
