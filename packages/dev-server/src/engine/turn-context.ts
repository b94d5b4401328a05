import type { components, Message, ToolDefinition } from "@everruns/core";
import { CURRENT_TIME_CAPABILITY } from "../catalog/builtins.js";
import { effectiveAgent } from "../domain/agent-versions.js";
import { knownCapability } from "../domain/capability-catalog.js";
import { composeCapabilities, composeSystemPrompt } from "../domain/effective-config.js";
import type { ModelTool } from "../models/chat-model.js";
import type { AgentRecord, SessionRecord } from "../store/records.js";
import type { Store } from "../store/store.js";
import { windowedHistory } from "./history-window.js";
import { WRITE_FILE_TOOL } from "./write-file-tool.js";

type CapabilityConfig = components["schemas"]["CapabilityConfig"];

/** What a turn runs with, resolved from its session, agent and harness. */
export interface TurnSetup {
  systemPrompt: string;
  tools: ModelTool[];
  agentId: string | null;
}

/**
 * Resolves a session's effective configuration: the system prompt (a user-written harness's,
 * then the session's, else the agent's default version's; the built-in prompt as fallback), client-side tools declared on the session or its agent, and the server-side
 * `current_time` tool when the session or agent has that capability.
 */
export function resolveTurnSetup(store: Store, session: SessionRecord): TurnSetup {
  // The agent as its default version has it, and the session's harness (with its ancestors).
  const agent: AgentRecord | undefined = session.agent_id
    ? effectiveAgent(store, session.agent_id)
    : undefined;
  const systemPrompt = composeSystemPrompt(
    store,
    session.harness_id,
    session.system_prompt ?? agent?.system_prompt,
  );
  const capabilities: CapabilityConfig[] = composeCapabilities(store, session.harness_id, [
    ...(session.capabilities ?? []),
    ...(agent?.capabilities ?? []),
  ]);
  // Capabilities that carry instructions (declarative ones) add them after the prompt.
  const capabilityPrompts = capabilities.flatMap(
    (capability) => knownCapability(store, capability.ref)?.system_prompt ?? [],
  );
  const fullPrompt = [systemPrompt, ...new Set(capabilityPrompts)].join("\n\n");
  const tools: ModelTool[] = [];
  if (capabilities.some((capability) => capability.ref === CURRENT_TIME_CAPABILITY.id)) {
    tools.push({
      name: "current_time",
      description: "Returns the current date and time in UTC.",
      parameters: { type: "object", properties: {} },
      runs: "server",
    });
  }
  // Every session has a workspace, so every turn may write into it.
  tools.push({
    name: WRITE_FILE_TOOL,
    description:
      "Writes a UTF-8 text file into the session's workspace (creating or replacing it).",
    parameters: {
      type: "object",
      properties: {
        path: { type: "string", description: "Path in the workspace, such as reports/summary.md." },
        content: { type: "string", description: "The file's text." },
      },
      required: ["path", "content"],
    },
    runs: "server",
  });
  const declared: ToolDefinition[] = [...(session.tools ?? []), ...(agent?.tools ?? [])];
  const seen = new Set(tools.map((tool) => tool.name));
  for (const tool of declared) {
    if (tool.type !== "client_side" || seen.has(tool.name)) continue;
    seen.add(tool.name);
    tools.push({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      runs: "client",
    });
  }
  return { systemPrompt: fullPrompt, tools, agentId: agent?.id ?? null };
}

/**
 * The conversation a turn sees: the latest stored messages of the session within the
 * history window (see {@link windowedHistory}), except the inputs of turns still queued
 * behind it, with this turn's input last.
 */
export function turnHistory(
  store: Store,
  sessionId: string,
  input: Message,
  queuedInputIds: ReadonlySet<string>,
): Message[] {
  return windowedHistory(store, sessionId, input, queuedInputIds);
}
