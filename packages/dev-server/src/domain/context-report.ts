import type { SessionContextReport } from "@everruns/core";
import type { TurnSetup } from "../engine/turn-context.js";
import { messageText } from "../models/chat-model.js";
import type { MessageRecord, SessionRecord } from "../store/records.js";

/** Rough token estimate: about four characters per token, as most tokenizers average. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * What the next model call would carry (system prompt, tool definitions, the stored messages)
 * with token estimates per section and per item.
 */
export function contextReport(
  session: SessionRecord,
  setup: TurnSetup,
  messages: readonly MessageRecord[],
  model: string,
): SessionContextReport {
  const contributions: SessionContextReport["contributions"] = [];
  const promptTokens = estimateTokens(setup.systemPrompt);
  contributions.push({
    section_key: "system_prompt",
    source_id: session.agent_id ?? session.harness_id,
    label: "System prompt",
    tokens: promptTokens,
  });
  let toolTokens = 0;
  for (const tool of setup.tools) {
    const tokens = estimateTokens(
      `${tool.name}${tool.description}${JSON.stringify(tool.parameters)}`,
    );
    toolTokens += tokens;
    contributions.push({ section_key: "tools", source_id: tool.name, label: tool.name, tokens });
  }
  let messageTokens = 0;
  for (const message of messages) {
    // Tool calls and results count too: their JSON is what the model reads.
    const text = messageText(message) || JSON.stringify(message.content);
    const tokens = estimateTokens(text);
    messageTokens += tokens;
    contributions.push({
      section_key: "messages",
      source_id: message.id,
      label: `${message.role} message ${message.sequence}`,
      tokens,
    });
  }
  return {
    session_id: session.id,
    model,
    estimated_input_tokens: promptTokens + toolTokens + messageTokens,
    context_window_tokens: null,
    cumulative_usage: session.usage ?? null,
    sections: [
      { key: "system_prompt", label: "System prompt", tokens: promptTokens, items: 1 },
      { key: "tools", label: "Tools", tokens: toolTokens, items: setup.tools.length },
      { key: "messages", label: "Messages", tokens: messageTokens, items: messages.length },
    ],
    contributions,
  };
}
