import type { Everruns, ToolDefinition } from "@everruns/core";
import { defineTool, serveTools, type Tool, type ToolCallReport } from "@everruns/streaming";
import { ApprovalPolicy, type AskApproval } from "./approval.js";
import type { LocalTool, LocalToolContext } from "./tool-set.js";

/**
 * How long one call may take, approval included, before the SDK's runner answers it with a
 * time-out error. The API waits about five minutes for results; staying under that lets the
 * model hear why, instead of the turn failing for everyone.
 */
export const LOCAL_TOOL_TIMEOUT_MS = 280_000;

/** What {@link LocalToolRunner.serve} needs besides the session. */
export interface ServeLocalToolsOptions {
  /** Asks the user about one call; its signal aborts when the call times out or serving stops. */
  readonly ask: AskApproval;
  /** Stops serving: a pending question is withdrawn, nothing more is sent. */
  readonly signal: AbortSignal;
  /** Results the API refused (not those another client answered first). */
  readonly onRejected?: (report: ToolCallReport) => void;
}

/**
 * What the chat needs from local tools: the definitions to declare on a new session, and a
 * way to serve the session's client-side tool calls (the SDK's `serveTools`, with the user's
 * approval in front of every run).
 */
export interface LocalToolRunner {
  readonly definitions: readonly ToolDefinition[];
  /**
   * Serves the session's local tool calls until `signal` aborts: calls still unanswered in
   * the history first, then live ones. Calls already answered (or whose turn ended) never
   * run again. Rejects only when the session cannot be followed.
   */
  serve(client: Everruns, sessionId: string, options: ServeLocalToolsOptions): Promise<void>;
}

/** Builds the runner over `tools`, confined to `context.roots`. */
export function createLocalToolRunner(
  tools: readonly LocalTool[],
  context: LocalToolContext,
): LocalToolRunner {
  const policy = new ApprovalPolicy();
  return {
    definitions: tools.map((tool) => tool.definition),
    serve(client, sessionId, { ask, signal, onRejected }) {
      const served: Tool[] = tools.map((tool) => {
        const { name, description, parameters } = tool.definition;
        return defineTool({
          name,
          description,
          parameters: parameters as Record<string, unknown>,
          async run(args, { call, signal }) {
            if (!policy.allows(sessionId, name)) {
              const decision = await ask({ callId: call.id, name, args }, signal);
              policy.record(sessionId, name, decision);
              if (decision === "no") throw new Error("The user declined to run this tool.");
            }
            return tool.run(args, { ...context, signal });
          },
        });
      });
      return serveTools(client, sessionId, {
        tools: served,
        signal,
        // One call at a time: approval prompts never overlap on the screen, and an "always"
        // answer is known before the next call of that tool is looked at.
        concurrency: 1,
        timeoutMs: LOCAL_TOOL_TIMEOUT_MS,
        onCall: (report) => {
          if (report.delivery === "rejected") onRejected?.(report);
        },
      });
    },
  };
}
