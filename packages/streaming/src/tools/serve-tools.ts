import {
  type ClientToolResult,
  type EventType,
  type Everruns,
  EverrunsError,
  type ToolCall,
  ValidationError,
} from "@everruns/core";
import { streamEvents } from "../event-stream.js";
import { abortableSleep } from "../internal/abortable-sleep.js";
import { type CallBatch, CallLedger } from "../internal/call-ledger.js";
import { errorMessage } from "../internal/error-message.js";
import { Limiter } from "../internal/limiter.js";
import type { StreamEventsOptions } from "../stream-options.js";
import type { Tool } from "./define-tool.js";

/** How one call went, as {@link ServeToolsOptions.onCall} reports it. */
export interface ToolCallReport {
  /** The call, as the model made it. */
  call: ToolCall;
  /** The turn that requested the call, when the event said. */
  turnId: string | undefined;
  /**
   * `succeeded` (sent as `result`); `failed` (`run` threw), `timed_out`, `invalid_arguments`
   * and `unknown_tool` are sent as `error`, so the model hears about them.
   */
  outcome: "succeeded" | "failed" | "timed_out" | "invalid_arguments" | "unknown_tool";
  /** The result that was sent, for `succeeded`. */
  result?: unknown;
  /** The error message that was sent, for every other outcome. */
  error?: string;
  /** Time spent validating and running, in ms. */
  durationMs: number;
  /**
   * `accepted` by the API; `already_answered` when another runner's answer (or the turn's
   * end) came first; `rejected` when the API refused it for another reason.
   */
  delivery: "accepted" | "already_answered" | "rejected";
}

/** Options of {@link serveTools}. */
export interface ServeToolsOptions {
  /** The tools to serve, made by `defineTool`. Calls to other tools get an `error` result. */
  tools: readonly Tool<unknown>[];
  /** Stops serving: running calls are aborted and nothing more is sent. */
  signal?: AbortSignal;
  /** Calls run at the same time, across turns. Default 4. */
  concurrency?: number;
  /**
   * Time a call may run before it is aborted and answered with a time-out error. Default
   * 120 000 ms (the API waits about 5 minutes for results).
   */
  timeoutMs?: number;
  /** Called once per call this runner answered (or tried to). What it throws is ignored. */
  onCall?: (report: ToolCallReport) => void;
  /**
   * Read the session's history after this event id only (e.g. one you stored). Default: the
   * whole history, so calls left unanswered by an earlier run are found.
   */
  sinceId?: string;
  /** Options of the live event stream. */
  stream?: Pick<
    StreamEventsOptions,
    "idleTimeoutMs" | "maxRetries" | "onWarning" | "onStateChange"
  >;
}

/** Default of {@link ServeToolsOptions.concurrency}. */
export const DEFAULT_TOOL_CONCURRENCY = 4;
/** Default of {@link ServeToolsOptions.timeoutMs}. */
export const DEFAULT_TOOL_TIMEOUT_MS = 120_000;

/** The events that tell which calls are requested and which no longer need an answer. */
const LEDGER_TYPES: EventType[] = [
  "tool.call_requested",
  "tool.completed",
  "turn.completed",
  "turn.failed",
  "turn.cancelled",
];
const HISTORY_PAGE = 1000;
/**
 * Waits before sending results again after a 409. A 409 means the turn does not wait: either
 * not yet (the request event can arrive before the session switches to waiting) or not any
 * more (someone answered). Between tries the runner's event stream tells which.
 */
const CONFLICT_RETRY_DELAYS_MS = [200, 400, 800, 1600, 3200];

/**
 * Serves client-side tools for a whole session, whoever sends its messages: reads the
 * session's history (to find calls still unanswered, e.g. after a restart), then follows its
 * live events, runs each requested call and sends the results of each `tool.call_requested`
 * in one `POST /v1/sessions/{id}/tool-results`.
 *
 * ```ts
 * const stop = new AbortController();
 * await serveTools(client, session.id, { tools: [weather], signal: stop.signal });
 * ```
 *
 * - A call already answered (its `tool.completed` is in the events, or its turn ended) is
 *   never run; results that lose a race to another runner are dropped (`already_answered`).
 * - Arguments are validated first; invalid ones, unknown tools, thrown errors and time-outs
 *   are sent as the call's `error`, never thrown here.
 * - Calls run in parallel, at most `concurrency` at once; each gets an `AbortSignal` that
 *   aborts after `timeoutMs` or when the runner stops.
 * - A 409 is retried (5 times, 0.2 to 3.2 s apart) only while the events do not show the
 *   call answered.
 *
 * Resolves once `signal` aborts and running calls have stopped. Rejects when the session
 * cannot be followed (e.g. `NotFoundError`, `AuthenticationError`, or the stream's
 * `StreamRetriesExhaustedError`); running calls are aborted first.
 */
export async function serveTools(
  client: Everruns,
  sessionId: string,
  options: ServeToolsOptions,
): Promise<void> {
  await new ToolRunner(client, sessionId, options).run();
}

interface CallOutcome {
  report: Omit<ToolCallReport, "delivery">;
  result: ClientToolResult;
}

class ToolRunner {
  readonly #client: Everruns;
  readonly #sessionId: string;
  readonly #options: ServeToolsOptions;
  readonly #tools = new Map<string, Tool<unknown>>();
  readonly #ledger = new CallLedger();
  readonly #limiter: Limiter;
  readonly #timeoutMs: number;
  readonly #stop = new AbortController();
  readonly #started = new Set<string>();
  readonly #work = new Set<Promise<void>>();
  #fatal: unknown;

  constructor(client: Everruns, sessionId: string, options: ServeToolsOptions) {
    const concurrency = options.concurrency ?? DEFAULT_TOOL_CONCURRENCY;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new ValidationError("`concurrency` must be a positive integer", "concurrency");
    if (!(timeoutMs > 0)) throw new ValidationError("`timeoutMs` must be positive", "timeoutMs");
    for (const tool of options.tools) {
      if (this.#tools.has(tool.name))
        throw new ValidationError(`Two tools are named "${tool.name}"`, "tools");
      this.#tools.set(tool.name, tool);
    }
    this.#client = client;
    this.#sessionId = sessionId;
    this.#options = options;
    this.#limiter = new Limiter(concurrency);
    this.#timeoutMs = timeoutMs;
    const external = options.signal;
    if (external?.aborted) this.#stop.abort(external.reason);
    else
      external?.addEventListener("abort", () => this.#stop.abort(external.reason), {
        once: true,
        signal: this.#stop.signal,
      });
  }

  async run(): Promise<void> {
    const signal = this.#stop.signal;
    try {
      if (signal.aborted) return;
      const sinceId = await this.#readHistory();
      if (signal.aborted) return;
      for (const batch of this.#ledger.openBatches()) this.#serve(batch);
      const stream = streamEvents(this.#client, this.#sessionId, {
        ...this.#options.stream,
        types: LEDGER_TYPES,
        signal,
        ...(sinceId ? { sinceId } : {}),
      });
      for await (const event of stream) {
        const batch = this.#ledger.add(event);
        if (batch) this.#serve(batch);
        if (this.#fatal) break;
      }
    } catch (error) {
      if (!signal.aborted) this.#fatal ??= error;
    } finally {
      if (this.#fatal) this.#stop.abort(this.#fatal);
      await Promise.allSettled([...this.#work]);
    }
    if (this.#fatal) throw this.#fatal;
  }

  /** Reads the stored events up to now; returns the id to follow live events from. */
  async #readHistory(): Promise<string | undefined> {
    let sinceId = this.#options.sinceId;
    for (;;) {
      const page = await this.#client.events.list(
        this.#sessionId,
        { types: LEDGER_TYPES, limit: HISTORY_PAGE, ...(sinceId ? { since_id: sinceId } : {}) },
        { signal: this.#stop.signal },
      );
      for (const event of page.data) this.#ledger.add(event);
      sinceId = page.data.at(-1)?.id ?? sinceId;
      if (page.data.length < HISTORY_PAGE) return sinceId;
    }
  }

  #serve(batch: CallBatch): void {
    if (this.#started.has(batch.eventId)) return;
    this.#started.add(batch.eventId);
    const work = this.#answer(batch).catch((error: unknown) => {
      this.#fatal ??= error;
      this.#stop.abort(error);
    });
    this.#work.add(work);
    void work.finally(() => this.#work.delete(work));
  }

  async #answer(batch: CallBatch): Promise<void> {
    const calls = batch.calls.filter((call) => !this.#ledger.isSettled(call.id));
    const outcomes = (await Promise.all(calls.map((call) => this.#runCall(call, batch)))).filter(
      (outcome): outcome is CallOutcome => outcome !== undefined,
    );
    if (this.#stop.signal.aborted) return;
    const unsettled = outcomes.filter(
      (outcome) => !this.#ledger.isSettled(outcome.result.tool_call_id),
    );
    const delivery =
      unsettled.length === 0
        ? "already_answered"
        : await this.#submit(unsettled.map((outcome) => outcome.result));
    if (delivery === undefined) return;
    for (const outcome of outcomes) {
      const settledBefore = !unsettled.includes(outcome);
      try {
        this.#options.onCall?.({
          ...outcome.report,
          delivery: settledBefore ? "already_answered" : delivery,
        });
      } catch {
        // A failing report hook must not stop the serving of every other call.
      }
    }
  }

  async #runCall(call: ToolCall, batch: CallBatch): Promise<CallOutcome | undefined> {
    const started = Date.now();
    const outcome = (
      kind: ToolCallReport["outcome"],
      value: { result: unknown } | { error: string },
    ): CallOutcome => ({
      report: {
        call,
        turnId: batch.turnId,
        outcome: kind,
        ...value,
        durationMs: Date.now() - started,
      },
      result: { tool_call_id: call.id, ...value },
    });
    const tool = this.#tools.get(call.name);
    if (!tool)
      return outcome("unknown_tool", { error: `No tool named "${call.name}" is served here` });
    const check = await tool.validate(call.arguments ?? {});
    if (!check.ok)
      return outcome("invalid_arguments", {
        error: `Invalid arguments for "${call.name}": ${check.issues.join("; ")}`,
      });
    const release = await this.#limiter.acquire();
    // Someone may have answered while this call waited for a slot.
    if (this.#ledger.isSettled(call.id) || this.#stop.signal.aborted) {
      release();
      return undefined;
    }
    const controller = new AbortController();
    const timedOut = new Error(`Tool "${call.name}" timed out after ${this.#timeoutMs} ms`);
    const timer = setTimeout(() => controller.abort(timedOut), this.#timeoutMs);
    const onStop = () => controller.abort(this.#stop.signal.reason);
    this.#stop.signal.addEventListener("abort", onStop, { once: true });
    try {
      const context = { call, sessionId: this.#sessionId, signal: controller.signal };
      const value = await Promise.race([
        Promise.resolve().then(() => tool.run(check.value, context)),
        rejectOnAbort(controller.signal),
      ]);
      const result = value === undefined ? null : value;
      JSON.stringify(result); // a value that cannot be sent is the tool's failure, not ours
      return outcome("succeeded", { result });
    } catch (error) {
      if (controller.signal.reason === timedOut)
        return outcome("timed_out", { error: timedOut.message });
      return outcome("failed", { error: errorMessage(error) });
    } finally {
      clearTimeout(timer);
      this.#stop.signal.removeEventListener("abort", onStop);
      release();
    }
  }

  /** Sends one batch; returns the delivery, or `undefined` when the runner stopped. */
  async #submit(results: ClientToolResult[]): Promise<ToolCallReport["delivery"] | undefined> {
    const signal = this.#stop.signal;
    const settled = () => results.every((result) => this.#ledger.isSettled(result.tool_call_id));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#client.sessions.submitToolResults(this.#sessionId, results, { signal });
        return "accepted";
      } catch (error) {
        if (signal.aborted) return undefined;
        const status = statusOf(error);
        // Session gone or access lost: nothing more can be served.
        if (status === 401 || status === 403 || status === 404) throw error;
        if (settled()) return "already_answered";
        const delay = CONFLICT_RETRY_DELAYS_MS[attempt];
        if (delay === undefined) return "rejected";
        if (!(await abortableSleep(delay, signal))) return undefined;
        if (settled()) return "already_answered";
        // A 409 may mean "not waiting yet" and a network failure may pass: send again. Other
        // refusals (400, 422, ...) are final once the events had time to show an answer.
        if (status !== undefined && status !== 409 && status < 500) return "rejected";
      }
    }
  }
}

function statusOf(error: unknown): number | undefined {
  if (!EverrunsError.isInstance(error)) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
