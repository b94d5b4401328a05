import type { Everruns, SessionEvent } from "@everruns/core";
import { abortableSleep } from "./internal/abortable-sleep.js";
import { type DedupeVerdict, EventDedupe, REMEMBERED_EVENTS } from "./internal/event-dedupe.js";
import { IdleTimer } from "./internal/idle-timer.js";
import { openConnection } from "./internal/open-connection.js";
import { type SseFrame, SseFrameDecoder } from "./internal/sse-frames.js";
import { reconnectDelayMs } from "./reconnect-delay.js";
import { type ToReadableStreamOptions, toReadableStream } from "./relay/to-readable-stream.js";
import {
  StreamDisconnectedError,
  StreamIdleTimeoutError,
  StreamProtocolError,
  StreamRetriesExhaustedError,
} from "./stream-errors.js";
import {
  type ResolvedStreamOptions,
  resolveStreamOptions,
  type StreamEventsOptions,
  type StreamState,
  type StreamWarning,
} from "./stream-options.js";
import { buildStreamQuery } from "./stream-query.js";

/**
 * A live, resumable stream of one session's events. Iterate it once with `for await`; see
 * {@link streamEvents}.
 */
export interface EventStream extends AsyncIterable<SessionEvent> {
  /** Id of the last event handed to the caller; the next reconnect resumes after it. */
  readonly lastEventId: string | undefined;
  /** Reconnects after failures since the last `connected` frame or event (planned ones excluded). */
  readonly retryCount: number;
  /** Where the stream is; see {@link StreamState}. */
  readonly state: StreamState;
  /** Ends the stream at once: closes the request, cancels any wait, finishes the iteration. */
  abort(reason?: unknown): void;
  /**
   * The stream as bytes to relay to a web page (SSE with ids by default, or NDJSON); see
   * {@link toReadableStream}. Like `for await`, it iterates the stream, so use one or the other.
   */
  toReadableStream(options?: ToReadableStreamOptions): ReadableStream<Uint8Array>;
}

/**
 * After a `disconnecting` frame the server should end the body at once; reading it to the end
 * lets fetch keep the connection for the next request. A server that does not close within
 * this time is cut off.
 */
const DRAIN_AFTER_DISCONNECTING_MS = 1_000;

/**
 * Streams the events of a session over Server-Sent Events, typed as core's `SessionEvent`
 * union (narrowing on `event.type` types `event.data`; unknown types pass through untouched).
 *
 * ```ts
 * for await (const event of streamEvents(client, sessionId)) {
 *   if (event.type === "output.message.delta") process.stdout.write(event.data.delta);
 * }
 * ```
 *
 * The stream keeps itself alive the way every Everruns SDK does: it reconnects with
 * `since_id` set to the last delivered event; after a `disconnecting` frame it waits
 * `retry_ms` (100 by default) without counting a retry; after any other end it backs off
 * 1, 2, 4, 8, 16, then 30 s and counts a retry, until `maxRetries` (default unlimited) ends it
 * with {@link StreamRetriesExhaustedError}; `connected` and every event reset the backoff; a
 * connection silent for `idleTimeoutMs` (default 45 s; a heartbeat comment ends the silence;
 * waiting for the headers included) is dropped and reopened. No event is delivered twice or skipped.
 *
 * A 4xx on connect other than 408/429 (401, 403, 404, 400 ...) ends the stream at once with
 * core's typed error. `abort()`, the `signal` option, and leaving a `for await` loop close the
 * request at once and finish the iteration without error.
 *
 * Nothing is sent until iteration starts. Invalid options throw `ValidationError` here.
 */
export function streamEvents(
  client: Everruns,
  sessionId: string,
  options?: StreamEventsOptions,
): EventStream {
  return new SessionEventStream(client, sessionId, resolveStreamOptions(options));
}

type ConnectionOutcome =
  | { kind: "aborted" }
  | { kind: "disconnecting"; retryMs: number }
  | {
      kind: "failed";
      warning: StreamWarning["kind"];
      cause: unknown;
      retryAfterMs: number | undefined;
    };

class SessionEventStream implements EventStream {
  readonly #client: Everruns;
  readonly #sessionId: string;
  readonly #options: ResolvedStreamOptions;
  readonly #controller = new AbortController();
  readonly #dedupe = new EventDedupe();
  #lastEventId: string | undefined;
  #retryCount = 0;
  #state: StreamState = "connecting";
  #iterated = false;

  constructor(client: Everruns, sessionId: string, options: ResolvedStreamOptions) {
    this.#client = client;
    this.#sessionId = sessionId;
    this.#options = options;
    this.#lastEventId = options.sinceId;
    const external = options.signal;
    if (external?.aborted) this.abort(external.reason);
    else
      external?.addEventListener("abort", () => this.abort(external.reason), {
        once: true,
        signal: this.#controller.signal,
      });
  }

  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  get retryCount(): number {
    return this.#retryCount;
  }

  get state(): StreamState {
    return this.#state;
  }

  abort(reason?: unknown): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
    this.#setState("closed");
  }

  toReadableStream(options?: ToReadableStreamOptions): ReadableStream<Uint8Array> {
    return toReadableStream(this, options);
  }

  [Symbol.asyncIterator](): AsyncIterator<SessionEvent> {
    if (this.#iterated) throw new TypeError("An EventStream can be iterated only once");
    this.#iterated = true;
    const generator = this.#run();
    // Events come from the connection in batches (one per body chunk); handing them out from
    // a plain array costs one promise per event instead of two generator round trips.
    let batch: SessionEvent[] = [];
    let index = 0;
    const handOver = (event: SessionEvent): IteratorResult<SessionEvent> => {
      // A resume must start after what the caller got, so this is set at the hand-over.
      this.#lastEventId = event.id;
      return { value: event, done: false };
    };
    return {
      next: async () => {
        const buffered = batch[index];
        if (buffered !== undefined) {
          index++;
          return handOver(buffered);
        }
        for (;;) {
          const result = await generator.next();
          if (result.done) return { value: undefined, done: true };
          batch = result.value;
          index = 0;
          const first = batch[index];
          if (first !== undefined) {
            index++;
            return handOver(first);
          }
        }
      },
      // Leaving a `for await` loop lands here: the request must close now, not at the next event.
      return: async (value?: unknown) => {
        this.abort();
        batch = [];
        await generator.return(undefined);
        return { value: value as undefined, done: true };
      },
    };
  }

  async *#run(): AsyncGenerator<SessionEvent[], undefined, undefined> {
    const signal = this.#controller.signal;
    try {
      while (!signal.aborted) {
        const outcome = yield* this.#connectOnce();
        if (outcome.kind === "aborted" || signal.aborted) return;
        this.#setState("reconnecting");
        if (outcome.kind === "disconnecting") {
          this.#client.logger.debug(
            `stream ${this.#sessionId}: the server cycled the connection; reconnecting in ${outcome.retryMs} ms`,
          );
          if (!(await abortableSleep(outcome.retryMs, signal))) return;
          continue;
        }
        if (this.#retryCount >= this.#options.maxRetries) {
          throw new StreamRetriesExhaustedError(this.#sessionId, this.#retryCount, outcome.cause);
        }
        const delayMs = Math.max(reconnectDelayMs(this.#retryCount), outcome.retryAfterMs ?? 0);
        this.#retryCount++;
        this.#client.logger.info(
          `stream ${this.#sessionId}: ${describe(outcome.cause)}; reconnecting in ${delayMs} ms (retry ${this.#retryCount})`,
        );
        this.#options.onWarning?.({
          kind: outcome.warning,
          message: `${describe(outcome.cause)}; reconnecting in ${delayMs} ms (retry ${this.#retryCount})`,
          cause: outcome.cause,
          delayMs,
        });
        if (!(await abortableSleep(delayMs, signal))) return;
      }
    } finally {
      this.abort();
    }
  }

  /** One connection: opens it, yields its new events in batches, and says how it ended. */
  async *#connectOnce(): AsyncGenerator<SessionEvent[], ConnectionOutcome, undefined> {
    const attempt = new AbortController();
    const stopAttempt = (reason: unknown) => {
      if (!attempt.signal.aborted) attempt.abort(reason);
    };
    const main = this.#controller.signal;
    if (main.aborted) return { kind: "aborted" };
    // Removes the listener below when this connection is over, so none pile up over hours.
    const ended = new AbortController();
    main.addEventListener("abort", () => stopAttempt(main.reason), {
      once: true,
      signal: ended.signal,
    });
    const idle = new IdleTimer(this.#options.idleTimeoutMs, () =>
      stopAttempt(new StreamIdleTimeoutError(this.#options.idleTimeoutMs)),
    );
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    let drainTimer: ReturnType<typeof setTimeout> | undefined;
    const failed = (cause: unknown, retryAfterMs?: number): ConnectionOutcome => {
      if (main.aborted) return { kind: "aborted" };
      const reason: unknown = attempt.signal.reason;
      if (reason instanceof StreamIdleTimeoutError)
        return { kind: "failed", warning: "idle_timeout", cause: reason, retryAfterMs: undefined };
      return {
        kind: "failed",
        warning: reader ? "unexpected_disconnect" : "connect_failed",
        cause,
        retryAfterMs,
      };
    };
    try {
      const query = buildStreamQuery({ ...this.#options, sinceId: this.#lastEventId });
      const opened = await openConnection(this.#client, this.#sessionId, query, attempt.signal);
      if (!opened.ok) {
        if (opened.fatal && !main.aborted) throw opened.error;
        return failed(opened.error, opened.retryAfterMs);
      }
      const body = opened.body.getReader();
      reader = body;
      const decoder = new SseFrameDecoder();
      // Aborting fetch does not always error a body that is being read: undici may only try to
      // cancel it (which a locked stream refuses), and a read on a half-open connection then
      // waits forever. Cancelling through our reader ends the pending read at once and closes
      // the connection.
      attempt.signal.addEventListener(
        "abort",
        () => body.cancel(attempt.signal.reason).catch(() => undefined),
        { once: true, signal: ended.signal },
      );
      let disconnecting: number | undefined;
      const warned = new Set<DedupeVerdict>();
      for (;;) {
        let frames: SseFrame[];
        let done = false;
        try {
          const chunk = await body.read();
          if (chunk.done) {
            done = true;
            frames = decoder.end();
          } else frames = decoder.push(chunk.value);
        } catch (error) {
          if (disconnecting !== undefined && !main.aborted)
            return { kind: "disconnecting", retryMs: disconnecting };
          if (isBufferOverflow(error)) {
            throw new StreamProtocolError("The server sent an event frame larger than 16 MiB", {
              cause: error,
            });
          }
          return failed(
            new StreamDisconnectedError("The event stream broke off", { cause: error }),
          );
        }
        // A batch holds the frames one body chunk completed (often ~100 deltas).
        const deliver: SessionEvent[] = [];
        let alive = false;
        for (const frame of frames) {
          if (frame.kind === "disconnecting") {
            disconnecting = frame.retryMs;
            idle.stop();
            clearTimeout(drainTimer);
            drainTimer = setTimeout(() => stopAttempt("drained"), DRAIN_AFTER_DISCONNECTING_MS);
            continue;
          }
          // Anything but `disconnecting`, heartbeat comments included, shows the connection works.
          alive = true;
          if (frame.kind === "comment") continue;
          if (frame.kind === "malformed") {
            this.#options.onWarning?.({
              kind: "malformed_frame",
              message: `Skipped a frame${frame.frameId ? ` (id ${frame.frameId})` : ""}: ${frame.reason}`,
            });
            continue;
          }
          this.#markAlive();
          if (frame.kind !== "event") continue;
          const event = frame.event;
          const verdict = this.#dedupe.check(event);
          if (verdict === "duplicate") continue;
          if (verdict !== "new") this.#warnOrder(event, verdict, warned);
          if (verdict === "stale") continue;
          this.#dedupe.remember(event, verdict);
          deliver.push(event);
        }
        if (deliver.length > 0) {
          // A caller that takes its time with events is not a silent server: no idle
          // timeout while they are in the caller's hands.
          idle.pause();
          yield deliver;
          if (disconnecting === undefined) idle.reset();
        } else if (alive && disconnecting === undefined) {
          // Once per batch, not per frame: a timer per event would cost more than the parsing.
          idle.reset();
        }
        if (done) break;
      }
      if (main.aborted) return { kind: "aborted" };
      if (disconnecting !== undefined) return { kind: "disconnecting", retryMs: disconnecting };
      return failed(new StreamDisconnectedError());
    } finally {
      idle.stop();
      clearTimeout(drainTimer);
      // A body read to its end is already back in fetch's connection pool; cancelling an
      // unfinished one closes its connection, which is what an abort or a failure needs.
      reader?.cancel().catch(() => undefined);
      ended.abort();
    }
  }

  /**
   * Reports an event whose `sequence` went backwards: delivered (`regressed`) or dropped as an
   * old repeat (`stale`). Once per kind and connection: a server that sent one absurd sequence
   * would otherwise raise a warning for every later event.
   */
  #warnOrder(event: SessionEvent, verdict: DedupeVerdict, warned: Set<DedupeVerdict>): void {
    if (warned.has(verdict)) return;
    warned.add(verdict);
    const later = "; later ones on this connection are not reported";
    this.#options.onWarning?.(
      verdict === "regressed"
        ? {
            kind: "sequence_regression",
            message: `Event ${event.id} has sequence ${event.sequence}, not above the highest delivered one; delivered, since its id is new${later}`,
          }
        : {
            kind: "stale_event",
            message: `Dropped event ${event.id}: its sequence ${event.sequence} is older than the ${REMEMBERED_EVENTS} events remembered, so it is taken as a repeat${later}`,
          },
    );
  }

  /** `connected` or an event arrived: the connection works, so the backoff starts over. */
  #markAlive(): void {
    this.#retryCount = 0;
    this.#setState("live");
  }

  #setState(state: StreamState): void {
    if (this.#state === state || this.#state === "closed") return;
    this.#state = state;
    this.#options.onStateChange?.(state);
  }
}

function isBufferOverflow(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { type?: unknown }).type === "max-buffer-size-exceeded"
  );
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
