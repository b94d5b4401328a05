import type { Everruns, SessionEventOf, ToolDefinition } from "@everruns/core";
import { answerToolCalls, type ToolHandlers } from "@everruns/streaming";
import { ApprovalPolicy, type AskApproval } from "./approval.js";
import type { LocalTool, LocalToolContext } from "./tool-set.js";

/**
 * What the chat needs from local tools: the definitions to declare on a new session, and a
 * way to answer the session's `tool.call_requested` events. This is the seam where the SDK's
 * tool runner can replace `answerToolCalls` later without touching the chat.
 */
export interface LocalToolRunner {
  readonly definitions: readonly ToolDefinition[];
  /** Asks approval for each call, runs the approved ones, and submits every result. */
  answer(
    client: Everruns,
    sessionId: string,
    event: SessionEventOf<"tool.call_requested">,
    ask: AskApproval,
  ): Promise<void>;
}

/** Builds the runner over `tools`, confined to `context.roots`. */
export function createLocalToolRunner(
  tools: readonly LocalTool[],
  context: LocalToolContext,
): LocalToolRunner {
  const policy = new ApprovalPolicy();
  return {
    definitions: tools.map((tool) => tool.definition),
    async answer(client, sessionId, event, ask) {
      const handlers: ToolHandlers = {};
      for (const tool of tools) {
        const name = tool.definition.name;
        handlers[name] = async (args, call) => {
          if (!policy.allows(sessionId, name)) {
            const decision = await ask({ callId: call.id, name, args });
            policy.record(sessionId, name, decision);
            if (decision === "no") throw new Error("The user declined to run this tool.");
          }
          return tool.run(args, context);
        };
      }
      // Calls are asked about one at a time: prompts never overlap on the screen.
      const queue: Promise<unknown>[] = [];
      const serialized: ToolHandlers = {};
      for (const [name, handler] of Object.entries(handlers)) {
        serialized[name] = (args, call) => {
          const previous = queue.at(-1) ?? Promise.resolve();
          const next = previous.catch(() => {}).then(() => handler(args, call));
          queue.push(next);
          return next;
        };
      }
      await answerToolCalls(client, sessionId, event, serialized);
    },
  };
}
