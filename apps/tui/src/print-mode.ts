import type { Everruns, SessionEvent } from "@everruns/core";
import { startTurn, TurnFailedError, type TurnResult } from "@everruns/streaming";
import { EXIT } from "./error-message.js";

/** What `--output-format` accepts. */
export const OUTPUT_FORMATS = ["text", "json", "stream-json"] as const;
/** How `--print` writes its answer. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What {@link runPrint} needs. */
export interface PrintOptions {
  readonly client: Everruns;
  readonly agentId: string;
  readonly question: string;
  /** Continue this session instead of opening a new one. */
  readonly sessionId?: string | undefined;
  readonly harness?: string | undefined;
  /**
   * `text` (default): the reply's text as it streams. `json`: one JSON object at the end
   * (`session_id`, `turn_id`, `status`, `text`, `usage`, `duration_ms`, `error`).
   * `stream-json`: every event of the turn as one JSON line (NDJSON), as it arrives.
   */
  readonly format?: OutputFormat | undefined;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Aborting cancels the turn on the server. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Answers one question without the UI. The answer alone goes to stdout (in the chosen
 * format); progress (tool calls) and errors go to stderr. Resolves with the exit code: 0
 * when the turn completed, 1 when it failed, 130 when it was cancelled.
 */
export async function runPrint(options: PrintOptions): Promise<number> {
  const { client, stdout, stderr, signal } = options;
  const format = options.format ?? "text";
  const sessionId =
    options.sessionId ??
    (
      await client.sessions.create({
        agent_id: options.agentId,
        ...(options.harness ? { harness_name: options.harness } : {}),
      })
    ).id;
  const turn = await startTurn(client, sessionId, options.question);
  const onAbort = () => void turn.cancel().catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let endsWithNewline = true;
  let turnId: string | undefined;
  try {
    for await (const event of turn) {
      const data = event.data as { turn_id?: unknown } | null;
      if (data && typeof data.turn_id === "string") turnId = data.turn_id;
      if (format === "stream-json") {
        stdout.write(`${JSON.stringify(event)}\n`);
        continue;
      }
      reportProgress(event, stderr);
      if (format === "text" && event.type === "output.message.delta" && event.data.delta) {
        stdout.write(event.data.delta);
        endsWithNewline = event.data.delta.endsWith("\n");
      }
    }
    const result = await turn.result();
    if (format === "text" && !endsWithNewline) stdout.write("\n");
    if (format === "json") stdout.write(`${JSON.stringify(summary(sessionId, result))}\n`);
    if (result.status === "cancelled") {
      stderr.write("The turn was cancelled.\n");
      return EXIT.cancelled;
    }
    return EXIT.ok;
  } catch (error) {
    if (format === "text" && !endsWithNewline) stdout.write("\n");
    if (error instanceof TurnFailedError) {
      const code = error.errorCode ? ` (${error.errorCode})` : "";
      stderr.write(`Turn failed: ${error.error}${code}\n`);
      if (format === "json") {
        const failed = {
          session_id: sessionId,
          turn_id: turnId ?? null,
          status: "failed",
          text: null,
          usage: null,
          duration_ms: null,
          error: { message: error.error, code: error.errorCode ?? null },
        };
        stdout.write(`${JSON.stringify(failed)}\n`);
      }
      return EXIT.turnFailed;
    }
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

function summary(sessionId: string, result: TurnResult) {
  return {
    session_id: sessionId,
    turn_id: result.turnId,
    status: result.status,
    text: result.text,
    usage: result.usage ?? null,
    duration_ms: result.durationMs ?? null,
    error: null,
  };
}

// Tool calls are what a user waits on without seeing text: say so on stderr.
function reportProgress(event: SessionEvent, stderr: NodeJS.WritableStream): void {
  if (event.type === "tool.started") {
    stderr.write(`[tool] ${event.data.display_name ?? event.data.tool_call.name}…\n`);
  } else if (event.type === "tool.call_requested") {
    const names = event.data.tool_calls.map((call) => call.name).join(", ");
    stderr.write(`[tool] the agent asks this client to run ${names}; --print cannot run tools\n`);
  }
}
