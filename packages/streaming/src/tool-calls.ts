import type { ClientToolResult, Everruns, SessionEventOf, ToolCall } from "@everruns/core";
import { errorMessage } from "./internal/error-message.js";

/**
 * Runs one client-side tool: receives the call's arguments (a JSON object) and the whole call,
 * returns any JSON value (or a promise of one). Throwing reports the error to the model.
 */
export type ToolHandler = (
  args: Record<string, unknown>,
  call: ToolCall,
) => unknown | Promise<unknown>;

/** Client-side tool implementations by tool name. */
export type ToolHandlers = Record<string, ToolHandler>;

/**
 * Answers a `tool.call_requested` event: runs the handler of every requested call (all at
 * once), then submits every outcome in one `POST /v1/sessions/{id}/tool-results`, which
 * resumes the waiting turn. A handler's return value is sent as `result` (`undefined` as
 * `null`); a thrown error, or a call to a tool with no handler, is sent as `error` with a
 * message, so the model learns what went wrong and the turn goes on.
 *
 * Rejects only when submitting fails (e.g. `ConflictError` when the turn no longer waits).
 */
export async function answerToolCalls(
  client: Everruns,
  sessionId: string,
  event: SessionEventOf<"tool.call_requested">,
  tools: ToolHandlers,
  options?: { signal?: AbortSignal },
): Promise<void> {
  const results = await Promise.all(event.data.tool_calls.map((call) => runToolCall(call, tools)));
  if (results.length === 0) return;
  await client.sessions.submitToolResults(
    sessionId,
    results,
    options?.signal ? { signal: options.signal } : undefined,
  );
}

async function runToolCall(call: ToolCall, tools: ToolHandlers): Promise<ClientToolResult> {
  const handler = Object.hasOwn(tools, call.name) ? tools[call.name] : undefined;
  if (!handler) return { tool_call_id: call.id, error: `No handler for the tool "${call.name}"` };
  try {
    const args = (call.arguments ?? {}) as Record<string, unknown>;
    const result = await handler(args, call);
    return { tool_call_id: call.id, result: result === undefined ? null : result };
  } catch (error) {
    return {
      tool_call_id: call.id,
      error: errorMessage(error),
    };
  }
}
