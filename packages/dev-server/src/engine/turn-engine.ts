import type { ClientToolResult, CreateMessageRequest, Message, TokenUsage } from "@everruns/core";
import { newId, nowIso } from "../ids.js";
import { type ChatModel, messageText } from "../models/chat-model.js";
import type { MessageRecord, SessionRecord } from "../store/records.js";
import type { Store } from "../store/store.js";
import { DEFAULT_DELTA_INTERVAL_MS } from "./delta-coalescer.js";
import type { EventBus } from "./event-bus.js";
import { EventLog } from "./event-log.js";
import { resolveTurnSetup, turnHistory } from "./turn-context.js";
import { type ActiveTurn, runTurn } from "./turn-runner.js";

interface QueuedTurn {
  id: string;
  input: MessageRecord;
}

interface SessionRuntime {
  queue: QueuedTurn[];
  active: ActiveTurn | undefined;
  /** Settles when the active turn has written its last event. */
  settled: Promise<unknown> | undefined;
  draining: boolean;
  deleted: boolean;
}

/** Answer of {@link TurnEngine.submitToolResults}. */
export type ToolResultsOutcome =
  | { kind: "accepted"; accepted: number; status: "resumed" | "waiting" }
  | { kind: "not_waiting" }
  | { kind: "unknown_call"; toolCallId: string };

/** Options of {@link TurnEngine}. */
export interface TurnEngineOptions {
  store: Store;
  bus: EventBus;
  model: ChatModel;
  /** Output deltas are coalesced into one event at most this often, in ms; 0: one per chunk. */
  deltaIntervalMs?: number;
  /** Receives internal errors (never request data or tokens). */
  log: (line: string) => void;
}

/**
 * Runs turns: one queue per session (messages sent while a turn runs are answered in order),
 * cancellation, client-side tool waits, and recovery of turns a previous process left open.
 */
export class TurnEngine {
  /** The session event log (store, then publish). */
  readonly events: EventLog;
  readonly #store: Store;
  readonly #model: ChatModel;
  readonly #deltaIntervalMs: number;
  readonly #log: (line: string) => void;
  readonly #runtimes = new Map<string, SessionRuntime>();
  #closing = false;

  constructor(options: TurnEngineOptions) {
    this.#store = options.store;
    this.#model = options.model;
    this.#deltaIntervalMs = options.deltaIntervalMs ?? DEFAULT_DELTA_INTERVAL_MS;
    this.#log = options.log;
    this.events = new EventLog({
      repo: options.store.events,
      bus: options.bus,
      isBusy: (sessionId) => this.isBusy(sessionId),
      onError: (error) =>
        options.log(`event store failed: ${error instanceof Error ? error.message : "unknown"}`),
    });
  }

  /**
   * Closes every turn a previous process left queued, running or waiting with `turn.failed`
   * (`error_code: "server_restarted"`), and sets their sessions idle.
   */
  recover(): number {
    const unfinished = this.#store.turns.unfinished();
    for (const turn of unfinished) {
      this.events.append(
        turn.session_id,
        "turn.failed",
        {
          turn_id: turn.id,
          error: "The dev server stopped while this turn was running; send the message again.",
          error_code: "server_restarted",
        },
        { turn_id: turn.id, input_message_id: turn.input_message_id },
      );
      this.#store.turns.setStatus(turn.id, "failed");
      this.#updateSession(turn.session_id, (session) => ({ ...session, status: "idle" }));
    }
    this.events.flush();
    return unfinished.length;
  }

  /**
   * Stores a user message and its `input.message` event, and queues its turn. Returns the
   * stored message once both are committed.
   */
  acceptMessage(session: SessionRecord, request: CreateMessageRequest): MessageRecord {
    const turnId = newId("turn");
    const createdAt = nowIso();
    const message: Message = {
      id: newId("message"),
      role: "user",
      content: request.message.content,
      created_at: createdAt,
      ...(request.controls != null ? { controls: request.controls } : {}),
      ...(request.external_actor != null ? { external_actor: request.external_actor } : {}),
      ...(request.metadata != null ? { metadata: request.metadata } : {}),
    };
    const stored = this.#store.transaction(() => {
      const record = this.#store.messages.append(session.id, message);
      this.#store.turns.insert(
        { id: turnId, session_id: session.id, input_message_id: record.id, status: "queued" },
        createdAt,
      );
      this.#updateSession(session.id, (current) => ({
        ...current,
        preview: current.preview ?? clip(messageText(message), 200),
        updated_at: createdAt,
      }));
      return record;
    });
    this.events.append(
      session.id,
      "input.message",
      { message: stored },
      { turn_id: turnId, input_message_id: stored.id },
    );
    this.events.flush();
    const runtime = this.#runtime(session.id);
    runtime.queue.push({ id: turnId, input: stored });
    if (!runtime.draining) void this.#drain(session.id, runtime);
    return stored;
  }

  /** Cancels the running turn; resolves once `turn.cancelled` is stored. */
  async cancel(sessionId: string): Promise<"cancelled" | "no_op"> {
    const runtime = this.#runtimes.get(sessionId);
    if (!runtime?.active) return "no_op";
    runtime.active.abort.abort(new Error("cancelled"));
    await runtime.settled;
    this.events.flush();
    return "cancelled";
  }

  /** Hands client-side tool results to the turn waiting for them. */
  submitToolResults(sessionId: string, results: readonly ClientToolResult[]): ToolResultsOutcome {
    const waiting = this.#runtimes.get(sessionId)?.active?.waiting;
    if (!waiting) return { kind: "not_waiting" };
    const unknown = results.find((result) => !waiting.calls.has(result.tool_call_id));
    if (unknown) return { kind: "unknown_call", toolCallId: unknown.tool_call_id };
    for (const result of results) waiting.answers.set(result.tool_call_id, result);
    if (waiting.answers.size < waiting.calls.size)
      return { kind: "accepted", accepted: results.length, status: "waiting" };
    waiting.resume();
    return { kind: "accepted", accepted: results.length, status: "resumed" };
  }

  /** True while a turn of the session runs or waits. */
  isBusy(sessionId: string): boolean {
    return this.#runtimes.get(sessionId)?.active !== undefined;
  }

  /** Stops a deleted session's turns without writing anything, and forgets it. */
  forgetSession(sessionId: string): void {
    const runtime = this.#runtimes.get(sessionId);
    if (runtime) {
      runtime.deleted = true;
      runtime.queue = [];
      runtime.active?.abort.abort(new Error("session deleted"));
      this.#runtimes.delete(sessionId);
    }
    this.events.forgetSession(sessionId);
  }

  /**
   * Stops every turn without writing more events (a restart on the same database then closes
   * them with `server_restarted`), and stores what is pending.
   */
  async close(): Promise<void> {
    this.#closing = true;
    const settling: Promise<unknown>[] = [];
    for (const runtime of this.#runtimes.values()) {
      runtime.queue = [];
      runtime.active?.abort.abort(new Error("server stopping"));
      if (runtime.settled) settling.push(runtime.settled);
    }
    await Promise.allSettled(settling);
    this.events.flush();
  }

  async #drain(sessionId: string, runtime: SessionRuntime): Promise<void> {
    runtime.draining = true;
    try {
      for (let next = runtime.queue.shift(); next; next = runtime.queue.shift()) {
        if (this.#closing || runtime.deleted) return;
        const settled = this.#run(sessionId, runtime, next);
        runtime.settled = settled;
        await settled;
      }
    } finally {
      runtime.draining = false;
      runtime.settled = undefined;
    }
  }

  async #run(sessionId: string, runtime: SessionRuntime, queued: QueuedTurn): Promise<void> {
    const session = this.#store.sessions.get(sessionId);
    if (!session) return;
    const turn: ActiveTurn = {
      id: queued.id,
      sessionId,
      input: queued.input,
      abort: new AbortController(),
      waiting: undefined,
    };
    runtime.active = turn;
    const startedAt = nowIso();
    this.#updateSession(sessionId, (current) => ({
      ...current,
      status: "active",
      started_at: current.started_at ?? startedAt,
      updated_at: startedAt,
    }));
    const queuedIds = new Set(runtime.queue.map((item) => item.input.id));
    let usage: TokenUsage | undefined;
    try {
      ({ usage } = await runTurn(
        {
          store: this.#store,
          log: this.events,
          model: this.#model,
          setup: resolveTurnSetup(this.#store, session),
          history: turnHistory(this.#store, sessionId, queued.input, queuedIds),
          onStatus: (status) =>
            this.#updateSession(sessionId, (current) => ({ ...current, status })),
          abandoned: () => this.#closing || runtime.deleted,
          deltaIntervalMs: this.#deltaIntervalMs,
        },
        turn,
      ));
    } catch (error) {
      // runTurn records its own failures; reaching here means storage itself failed.
      this.#log(`turn ${turn.id} stopped: ${error instanceof Error ? error.message : "unknown"}`);
    } finally {
      runtime.active = undefined;
      if (!this.#closing && !runtime.deleted) {
        const finishedAt = nowIso();
        this.#updateSession(sessionId, (current) => ({
          ...current,
          status: runtime.queue.length > 0 ? "active" : "idle",
          usage: addUsage(current.usage ?? undefined, usage),
          updated_at: finishedAt,
        }));
      }
    }
  }

  #runtime(sessionId: string): SessionRuntime {
    let runtime = this.#runtimes.get(sessionId);
    if (!runtime) {
      runtime = {
        queue: [],
        active: undefined,
        settled: undefined,
        draining: false,
        deleted: false,
      };
      this.#runtimes.set(sessionId, runtime);
    }
    return runtime;
  }

  #updateSession(sessionId: string, change: (session: SessionRecord) => SessionRecord): void {
    const session = this.#store.sessions.get(sessionId);
    if (session) this.#store.sessions.update(change(session));
  }
}

function addUsage(total: TokenUsage | undefined, more: TokenUsage | undefined): TokenUsage | null {
  if (!more) return total ?? null;
  return {
    input_tokens: (total?.input_tokens ?? 0) + more.input_tokens,
    output_tokens: (total?.output_tokens ?? 0) + more.output_tokens,
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
