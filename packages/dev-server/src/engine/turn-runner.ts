import type {
  ClientToolResult,
  ContentPart,
  EventContext,
  Message,
  TokenUsage,
  ToolCall,
} from "@everruns/core";
import { newId, nowIso } from "../ids.js";
import { type ChatModel, ModelError, messageText } from "../models/chat-model.js";
import type { MessageRecord } from "../store/records.js";
import type { Store } from "../store/store.js";
import { DeltaCoalescer } from "./delta-coalescer.js";
import type { EventLog } from "./event-log.js";
import type { TurnSetup } from "./turn-context.js";
import { runWriteFile, WRITE_FILE_TOOL } from "./write-file-tool.js";

/** More reason/act rounds than this end the turn with `turn.failed` (`max_iterations`). */
export const MAX_ITERATIONS = 10;

/** A turn being run: the engine keeps it to cancel it or hand it tool results. */
export interface ActiveTurn {
  readonly id: string;
  readonly sessionId: string;
  readonly input: MessageRecord;
  readonly abort: AbortController;
  /** Set while the turn waits for client-side tool results. */
  waiting: ToolWait | undefined;
}

/** The client-side calls a turn waits on and the answers received so far. */
export interface ToolWait {
  readonly calls: ReadonlyMap<string, ToolCall>;
  readonly answers: Map<string, ClientToolResult>;
  readonly resume: () => void;
}

/** How a turn ended, and the tokens it used. */
export interface TurnOutcome {
  status: "completed" | "failed" | "cancelled" | "abandoned";
  usage: TokenUsage;
}

/** What {@link runTurn} needs from the engine. */
export interface TurnRunnerDeps {
  store: Store;
  log: EventLog;
  model: ChatModel;
  setup: TurnSetup;
  history: Message[];
  /** The session's status changed (`active` / `waiting_for_tool_results`). */
  onStatus: (status: "active" | "waiting_for_tool_results") => void;
  /** True when the turn must stop without writing anything (server stopping, session deleted). */
  abandoned: () => boolean;
  /** Coalesce output deltas into one event at most this often, in ms; 0: one event per chunk. */
  deltaIntervalMs: number;
}

/**
 * Runs one turn and records it as events: `turn.started`, then rounds of model output
 * (`reason.thinking.*`, `output.message.*`) and tool calls (`tool.started`/`tool.completed` for
 * server-side tools, `tool.call_requested` then a wait for client-side ones), and finally
 * `turn.completed`, `turn.failed` or `turn.cancelled`.
 */
export async function runTurn(deps: TurnRunnerDeps, turn: ActiveTurn): Promise<TurnOutcome> {
  const { store, log, model, setup } = deps;
  const context: EventContext = { turn_id: turn.id, input_message_id: turn.input.id };
  const emit = (type: string, data: unknown) => log.append(turn.sessionId, type, data, context);
  const signal = turn.abort.signal;
  const startedAt = Date.now();
  const usage: TokenUsage = { input_tokens: 0, output_tokens: 0 };
  const inputText = messageText(turn.input);
  const exchange: Message[] = [];
  let firstTokenAt: number | undefined;
  let llmCalls = 0;
  let toolCalls = 0;
  let iterations = 0;
  let coalescer: DeltaCoalescer | undefined;

  store.turns.setStatus(turn.id, "running");
  emit("turn.started", {
    turn_id: turn.id,
    input_message_id: turn.input.id,
    input_content: clip(inputText, 2000),
  });

  try {
    for (;;) {
      iterations++;
      if (iterations > MAX_ITERATIONS)
        throw new ModelError(
          `The turn stopped after ${MAX_ITERATIONS} rounds of tool calls.`,
          "max_iterations",
        );
      let text = "";
      const deltas = new DeltaCoalescer(deps.deltaIntervalMs, (delta, accumulated) =>
        emit("output.message.delta", { turn_id: turn.id, delta, accumulated }),
      );
      coalescer = deltas;
      let thinking = "";
      let thinkingOpen = false;
      let outputStarted = false;
      const calls: ToolCall[] = [];
      llmCalls++;
      const closeThinking = () => {
        if (!thinkingOpen) return;
        thinkingOpen = false;
        emit("reason.thinking.completed", { turn_id: turn.id, thinking });
      };
      const startOutput = () => {
        if (outputStarted) return;
        outputStarted = true;
        emit("output.message.started", {
          turn_id: turn.id,
          iteration: iterations,
          model: model.name,
        });
      };
      for await (const chunk of model.generate({
        systemPrompt: setup.systemPrompt,
        messages: [...deps.history, ...exchange],
        tools: setup.tools,
        signal,
      })) {
        signal.throwIfAborted();
        if (chunk.type === "thinking") {
          deltas.flush();
          if (!thinkingOpen && thinking === "") {
            thinkingOpen = true;
            emit("reason.thinking.started", { turn_id: turn.id, model: model.name });
          }
          thinking += chunk.delta;
          emit("reason.thinking.delta", {
            turn_id: turn.id,
            delta: chunk.delta,
            accumulated: thinking,
          });
        } else if (chunk.type === "text") {
          closeThinking();
          startOutput();
          firstTokenAt ??= Date.now();
          text += chunk.delta;
          deltas.push(chunk.delta, text);
        } else if (chunk.type === "tool_call") {
          calls.push(chunk.call);
        } else {
          usage.input_tokens += chunk.usage.input_tokens;
          usage.output_tokens += chunk.usage.output_tokens;
        }
      }
      signal.throwIfAborted();
      // The model is done: what waits goes out before any other event of this round.
      deltas.flush();
      closeThinking();

      if (calls.length === 0 || text !== "") {
        startOutput();
        const content: ContentPart[] = text ? [{ type: "text", text }] : [];
        for (const call of calls) content.push({ type: "tool_call", ...call });
        const message = store.messages.append(turn.sessionId, {
          id: newId("message"),
          role: "agent",
          content,
          ...(thinking ? { thinking } : {}),
          // The wire form of the phase (decision 006): text before tool calls is commentary.
          phase: calls.length === 0 ? "final_answer" : "commentary",
          created_at: nowIso(),
        });
        emit("output.message.completed", {
          message,
          usage: { ...usage },
          metadata: { model: model.name },
        });
        exchange.push(message);
        if (calls.length === 0) {
          emit("turn.completed", {
            turn_id: turn.id,
            iterations,
            duration_ms: Date.now() - startedAt,
            time_to_first_token_ms: firstTokenAt === undefined ? null : firstTokenAt - startedAt,
            llm_call_count: llmCalls,
            tool_call_count: toolCalls,
            usage,
            final_message_id: message.id,
            final_answer_preview: clip(text, 200),
            status: "completed",
          });
          store.turns.setStatus(turn.id, "completed");
          return { status: "completed", usage };
        }
      } else {
        exchange.push(
          store.messages.append(turn.sessionId, {
            id: newId("message"),
            role: "agent",
            content: calls.map((call) => ({ type: "tool_call" as const, ...call })),
            phase: "commentary",
            created_at: nowIso(),
          }),
        );
      }

      toolCalls += calls.length;
      const results = [
        ...runServerTools(calls, setup, emit, store, turn.sessionId),
        ...(await waitForClientTools(calls, setup, emit, turn, deps)),
      ];
      exchange.push(
        store.messages.append(turn.sessionId, {
          id: newId("message"),
          role: "tool_result",
          content: results,
          created_at: nowIso(),
        }),
      );
    }
  } catch (error) {
    // Text the model produced before the stop is still sent (it was streamed, just batched).
    if (!deps.abandoned()) coalescer?.flush();
    coalescer?.cancel();
    if (deps.abandoned()) return { status: "abandoned", usage };
    if (signal.aborted) {
      emit("turn.cancelled", { turn_id: turn.id, reason: "cancelled_by_user", usage });
      store.turns.setStatus(turn.id, "cancelled");
      return { status: "cancelled", usage };
    }
    const failure =
      error instanceof ModelError
        ? error
        : new ModelError(error instanceof Error ? error.message : String(error), "internal_error");
    emit("turn.failed", { turn_id: turn.id, error: failure.message, error_code: failure.code });
    store.turns.setStatus(turn.id, "failed");
    return { status: "failed", usage };
  }
}

type Emit = (type: string, data: unknown) => void;

function runServerTools(
  calls: readonly ToolCall[],
  setup: TurnSetup,
  emit: Emit,
  store: Store,
  sessionId: string,
): ContentPart[] {
  const results: ContentPart[] = [];
  for (const call of calls) {
    if (!isTool(setup, call.name, "server")) continue;
    const started = Date.now();
    if (call.name === WRITE_FILE_TOOL) {
      emit("tool.started", { tool_call: call, display_name: "Write file" });
      const outcome = runWriteFile(store, sessionId, call, emit);
      emit("tool.completed", {
        tool_call_id: call.id,
        tool_name: call.name,
        success: outcome.ok,
        status: outcome.ok ? "success" : "error",
        result: outcome.ok ? outcome.result : null,
        error: outcome.ok ? null : outcome.error,
        duration_ms: Date.now() - started,
      });
      results.push(
        outcome.ok
          ? { type: "tool_result", tool_call_id: call.id, result: outcome.result }
          : { type: "tool_result", tool_call_id: call.id, error: outcome.error },
      );
      continue;
    }
    emit("tool.started", { tool_call: call, display_name: "Current time" });
    emit("tool.progress", {
      tool_call_id: call.id,
      tool_name: call.name,
      message: "Reading the server clock",
      display_name: "Current time",
    });
    const now = nowIso();
    const result: ContentPart[] = [{ type: "text", text: now }];
    emit("tool.completed", {
      tool_call_id: call.id,
      tool_name: call.name,
      success: true,
      status: "success",
      result,
      duration_ms: Date.now() - started,
      capability_id: "current_time",
    });
    results.push({ type: "tool_result", tool_call_id: call.id, result });
  }
  return results;
}

async function waitForClientTools(
  calls: readonly ToolCall[],
  setup: TurnSetup,
  emit: Emit,
  turn: ActiveTurn,
  deps: TurnRunnerDeps,
): Promise<ContentPart[]> {
  const clientCalls = calls.filter((call) => !isTool(setup, call.name, "server"));
  if (clientCalls.length === 0) return [];
  const signal = turn.abort.signal;
  const answers = new Map<string, ClientToolResult>();
  const waited = new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    turn.waiting = {
      calls: new Map(clientCalls.map((call) => [call.id, call])),
      answers,
      resume: () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
    };
  });
  emit("tool.call_requested", {
    tool_calls: clientCalls,
    tool_summaries: clientCalls.map((call) => ({ id: call.id, name: call.name })),
  });
  deps.store.turns.setStatus(turn.id, "waiting");
  deps.onStatus("waiting_for_tool_results");
  try {
    await waited;
  } finally {
    turn.waiting = undefined;
  }
  deps.store.turns.setStatus(turn.id, "running");
  deps.onStatus("active");
  return clientCalls.map((call) => {
    const answer = answers.get(call.id);
    const failed = answer?.error != null;
    emit("tool.completed", {
      tool_call_id: call.id,
      tool_name: call.name,
      success: !failed,
      status: failed ? "error" : "success",
      result: failed ? null : [{ type: "text", text: asText(answer?.result) }],
      error: failed ? answer?.error : null,
    });
    return failed
      ? { type: "tool_result" as const, tool_call_id: call.id, error: answer?.error ?? null }
      : { type: "tool_result" as const, tool_call_id: call.id, result: answer?.result ?? null };
  });
}

function isTool(setup: TurnSetup, name: string, runs: "server" | "client"): boolean {
  return setup.tools.some((tool) => tool.name === name && tool.runs === runs);
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
