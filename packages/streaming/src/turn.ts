import {
  AbortError,
  type CreateMessageRequest,
  type EventType,
  type Everruns,
  type Message,
  type SessionEvent,
  type TokenUsage,
} from "@everruns/core";
import { type EventStream, streamEvents } from "./event-stream.js";
import { EventLog } from "./internal/event-log.js";
import { toolHandlers } from "./internal/tool-handlers.js";
import { TurnMatcher } from "./internal/turn-matcher.js";
import { TurnOutcome } from "./internal/turn-outcome.js";
import { type ToReadableStreamOptions, toReadableStream } from "./relay/to-readable-stream.js";
import { StreamRetriesExhaustedError } from "./stream-errors.js";
import type { StreamEventsOptions, StreamState, StreamWarning } from "./stream-options.js";
import { answerToolCalls, type ToolHandlers } from "./tool-calls.js";
import type { Tool } from "./tools/define-tool.js";
import { TurnFailedError } from "./turn-errors.js";

/** How a turn ended, as `Turn#result()` reports it. */
export interface TurnResult {
  /** `completed`, or `cancelled` after `POST /cancel`. A failed turn rejects instead. */
  status: "completed" | "cancelled";
  /** The turn's id. */
  turnId: string;
  /** Text of the turn's final agent message (for a cancelled turn: what was streamed so far). */
  text: string;
  /** The final agent message, when the turn produced one. */
  message: Message | undefined;
  /** Tokens and cost of the turn, when the server reported them. */
  usage: TokenUsage | undefined;
  /** How long the turn took on the server, in ms, when reported. */
  durationMs: number | undefined;
}

/** Options of {@link startTurn}. */
export interface StartTurnOptions {
  /** Aborts the turn's stream (not the turn on the server: use `turn.cancel()` for that). */
  signal?: AbortSignal;
  /**
   * Client-side tool implementations. When given, every `tool.call_requested` of the turn is
   * answered with {@link answerToolCalls}; calls to tools missing here get an `error` result.
   * Either functions by tool name, or tools made by `defineTool` (their arguments are then
   * validated first, and invalid ones are reported to the model as an error).
   */
  tools?: ToolHandlers | readonly Tool<unknown>[];
  /**
   * Options of the underlying event stream. `types` / `exclude` choose which events the turn
   * yields; the events the helper needs to follow the turn are requested regardless.
   */
  stream?: Omit<StreamEventsOptions, "signal" | "sinceId">;
}

/**
 * One turn, started by {@link startTurn}. Iterating it yields only this turn's events, up to
 * and including the event that ends it. Every way of consuming it (`for await`, `textStream`,
 * `finalText()`, `result()`) sees the whole turn, however many are used and whenever they start.
 */
export interface Turn extends AsyncIterable<SessionEvent> {
  /** The user message that started the turn, as the server stored it. */
  readonly inputMessage: Message;
  /** The text deltas of the turn's agent output, as they arrive. */
  readonly textStream: AsyncIterable<string>;
  /** The final text; rejects like {@link Turn.result}. */
  finalText(): Promise<string>;
  /**
   * Resolves when the turn ends: `completed`, or `cancelled`. Rejects with
   * {@link TurnFailedError} on `turn.failed`, with core's `AbortError` when `signal` aborted
   * first, or with the stream's error (e.g. `StreamRetriesExhaustedError`).
   */
  result(): Promise<TurnResult>;
  /**
   * Asks the server to cancel the turn (`POST /v1/sessions/{id}/cancel`) once it has started;
   * the turn then resolves with status `cancelled`. Does nothing when the turn already ended.
   */
  cancel(): Promise<void>;
  /**
   * This turn's events as bytes to relay to a web page (SSE with ids by default, or NDJSON),
   * ending with the event that ends the turn; see {@link toReadableStream}.
   */
  toReadableStream(options?: ToReadableStreamOptions): ReadableStream<Uint8Array>;
}

/** Event types a turn cannot be followed without. */
const TURN_TYPES: readonly EventType[] = [
  "input.message",
  "turn.started",
  "turn.completed",
  "turn.failed",
  "turn.cancelled",
  "output.message.started",
  "output.message.replaced",
  "output.message.completed",
  "tool.call_requested",
];

/**
 * Sends a message and follows the turn it starts.
 *
 * ```ts
 * const turn = await startTurn(client, session.id, "What does Everruns do?");
 * for await (const text of turn.textStream) process.stdout.write(text);
 * const { usage } = await turn.result();
 * ```
 *
 * Nothing can be missed: the stream is opened (resuming after the session's latest event)
 * and connected before the message is sent. Events are then matched to the turn by the
 * created message's id and the `turn_id` it leads to, so other turns of the session, earlier
 * or queued, are never mistaken for this one. The stream closes when the turn ends.
 *
 * Rejects, without sending anything, when the stream cannot be opened (e.g. `NotFoundError`
 * for an unknown session), or with `StreamRetriesExhaustedError` when opening failed or timed
 * out (`stream.idleTimeoutMs` per attempt) more than the client's `maxRetries` times;
 * rejects with core's error when the message is refused.
 */
export async function startTurn(
  client: Everruns,
  sessionId: string,
  input: string | CreateMessageRequest,
  options: StartTurnOptions = {},
): Promise<Turn> {
  const { signal } = options;
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  const latest = await client.events.list(sessionId, { limit: 1 }, signal ? { signal } : undefined);
  const turn = new ActiveTurn(client, sessionId, options, latest.data.at(-1)?.id);
  await turn.ready;
  let message: Message;
  try {
    message = await client.messages.create(sessionId, input, signal ? { signal } : undefined);
  } catch (error) {
    turn.close(error);
    throw error;
  }
  turn.follow(message);
  return turn;
}

class ActiveTurn implements Turn {
  readonly #client: Everruns;
  readonly #sessionId: string;
  readonly #signal: AbortSignal | undefined;
  readonly #tools: ToolHandlers | undefined;
  readonly #wanted: (type: string) => boolean;
  readonly #stream: EventStream;
  readonly #log = new EventLog<SessionEvent>();
  readonly #outcome = new TurnOutcome();
  readonly #result: Deferred<TurnResult>;
  readonly #started = deferred<void>();
  readonly #ready = deferred<void>();
  #pending: SessionEvent[] | undefined = [];
  #matcher: TurnMatcher | undefined;
  #message: Message | undefined;
  #toolWork: Promise<void> = Promise.resolve();
  #done = false;

  constructor(
    client: Everruns,
    sessionId: string,
    options: StartTurnOptions,
    sinceId: string | undefined,
  ) {
    this.#client = client;
    this.#sessionId = sessionId;
    this.#signal = options.signal;
    this.#tools = isToolList(options.tools)
      ? toolHandlers(options.tools, sessionId, options.signal)
      : options.tools;
    const streamOptions = options.stream ?? {};
    this.#wanted = typeFilter(streamOptions.types, streamOptions.exclude);
    const onStateChange = streamOptions.onStateChange;
    const onWarning = streamOptions.onWarning;
    // Opening is bounded the way requests are: each attempt by the stream's idle timeout
    // (which covers waiting for the response headers), and at most the client's maxRetries
    // retries before the turn gives up, its message unsent. Once live, the stream's own
    // reconnect policy applies.
    let live = false;
    let failedOpens = 0;
    this.#stream = streamEvents(client, sessionId, {
      ...streamOptions,
      ...(streamOptions.types?.length ? { types: union(streamOptions.types, TURN_TYPES) } : {}),
      ...(streamOptions.exclude
        ? { exclude: streamOptions.exclude.filter((t) => !TURN_TYPES.includes(t)) }
        : {}),
      ...(sinceId ? { sinceId } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onStateChange: (state: StreamState) => {
        if (state === "live") {
          live = true;
          this.#ready.resolve();
        }
        onStateChange?.(state);
      },
      onWarning: (warning: StreamWarning) => {
        onWarning?.(warning);
        if (live || warning.kind === "malformed_frame") return;
        failedOpens++;
        if (failedOpens > client.maxRetries) {
          this.#finish(
            new StreamRetriesExhaustedError(
              sessionId,
              client.maxRetries,
              warning.cause ?? warning.message,
            ),
          );
        }
      },
    });
    this.#result = deferred<TurnResult>();
    // Nobody may ever ask for the result; a failed turn must not become an unhandled rejection.
    this.#result.promise.catch(() => undefined);
    this.#ready.promise.catch(() => undefined);
    void this.#pump();
  }

  /** Resolves once the stream is connected; rejects when it failed first. */
  get ready(): Promise<void> {
    return this.#ready.promise;
  }

  get inputMessage(): Message {
    if (!this.#message) throw new Error("The turn's message is not sent yet");
    return this.#message;
  }

  get textStream(): AsyncIterable<string> {
    const log = this.#log;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of log.read()) {
          if (event.type === "output.message.delta") yield event.data.delta;
        }
      },
    };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SessionEvent> {
    for await (const event of this.#log.read()) {
      if (this.#wanted(event.type)) yield event;
    }
  }

  result(): Promise<TurnResult> {
    return this.#result.promise;
  }

  toReadableStream(options?: ToReadableStreamOptions): ReadableStream<Uint8Array> {
    return toReadableStream(this, options);
  }

  async finalText(): Promise<string> {
    return (await this.#result.promise).text;
  }

  async cancel(): Promise<void> {
    await this.#started.promise;
    if (this.#done) return;
    await this.#client.sessions.cancel(
      this.#sessionId,
      this.#signal ? { signal: this.#signal } : undefined,
    );
  }

  /** Starts matching events to the turn of `message`, including those received meanwhile. */
  follow(message: Message): void {
    this.#message = message;
    this.#matcher = new TurnMatcher(message.id);
    const pending = this.#pending ?? [];
    this.#pending = undefined;
    for (const event of pending) this.#route(event);
  }

  /** Ends the turn with `error` (or as aborted) and closes its stream. */
  close(error?: unknown): void {
    this.#finish(error ?? new AbortError("The turn was closed"));
  }

  async #pump(): Promise<void> {
    try {
      for await (const event of this.#stream) {
        if (this.#pending) this.#pending.push(event);
        else this.#route(event);
      }
      this.#finish(
        new AbortError("The turn's event stream was aborted before the turn ended", {
          cause: this.#signal?.reason,
        }),
      );
    } catch (error) {
      this.#finish(error);
    }
  }

  #route(event: SessionEvent): void {
    if (this.#done || !this.#matcher?.matches(event)) return;
    this.#log.push(event);
    if (this.#matcher.turnId !== undefined) this.#started.resolve();
    if (event.type === "tool.call_requested" && this.#tools) {
      const tools = this.#tools;
      this.#toolWork = this.#toolWork
        .then(() =>
          answerToolCalls(
            this.#client,
            this.#sessionId,
            event,
            tools,
            this.#signal ? { signal: this.#signal } : undefined,
          ),
        )
        .catch((error: unknown) => this.#finish(error));
    }
    const outcome = this.#outcome.add(event);
    if (outcome !== undefined) this.#finish(outcome);
  }

  #finish(outcome: TurnResult | unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#stream.abort();
    this.#started.resolve();
    if (isTurnResult(outcome)) {
      this.#log.end();
      this.#result.resolve(outcome);
      return;
    }
    // A failed turn is a normal end for the event iterators: they yielded `turn.failed`.
    if (outcome instanceof TurnFailedError) this.#log.end();
    else this.#log.end(outcome, true);
    this.#ready.reject(outcome);
    this.#result.reject(outcome);
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function isTurnResult(value: unknown): value is TurnResult {
  return (
    typeof value === "object" &&
    value !== null &&
    "status" in value &&
    "turnId" in value &&
    !(value instanceof Error)
  );
}

function isToolList(
  tools: ToolHandlers | readonly Tool<unknown>[] | undefined,
): tools is readonly Tool<unknown>[] {
  return Array.isArray(tools);
}

function union(a: readonly EventType[], b: readonly EventType[]): EventType[] {
  return [...new Set([...a, ...b])];
}

function typeFilter(
  types: readonly EventType[] | undefined,
  exclude: readonly EventType[] | undefined,
): (type: string) => boolean {
  const only = types?.length ? new Set<string>(types) : undefined;
  const without = new Set<string>(exclude ?? []);
  return (type) => (only === undefined || only.has(type)) && !without.has(type);
}
