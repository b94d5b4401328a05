import type { ToolHandlers } from "../tool-calls.js";
import type { Tool } from "../tools/define-tool.js";

/**
 * Handlers for `answerToolCalls` made from tools of `defineTool`: arguments are validated
 * first, and invalid ones are reported to the model like a thrown error.
 */
export function toolHandlers(
  tools: readonly Tool<unknown>[],
  sessionId: string,
  signal: AbortSignal | undefined,
): ToolHandlers {
  const handlers: ToolHandlers = {};
  for (const tool of tools) {
    handlers[tool.name] = async (args, call) => {
      const check = await tool.validate(args);
      if (!check.ok)
        throw new Error(`Invalid arguments for "${tool.name}": ${check.issues.join("; ")}`);
      return tool.run(check.value, {
        call,
        sessionId,
        signal: signal ?? new AbortController().signal,
      });
    };
  }
  return handlers;
}
