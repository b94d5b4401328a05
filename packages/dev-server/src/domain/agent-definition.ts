import type { CreateAgentRequest } from "@everruns/core";
import { parse, stringify } from "yaml";
import type { AgentRecord } from "../store/records.js";

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** Built-in examples for `POST /v1/agents/import?from-example=<name>`. */
export const EXAMPLE_AGENTS: Readonly<Record<string, CreateAgentRequest>> = {
  "hello-world": {
    name: "hello-world",
    display_name: "Hello World",
    description: "A friendly assistant that answers briefly.",
    system_prompt: "You are a friendly assistant. Answer briefly.",
  },
  "time-teller": {
    name: "time-teller",
    display_name: "Time Teller",
    description: "Knows the current time through the current_time capability.",
    system_prompt: "You tell people the current time when they ask.",
    capabilities: [{ ref: "current_time" }],
  },
};

/**
 * Exports an agent as Markdown: YAML front matter with its configuration, then the system
 * prompt as the document body. {@link parseAgentDefinition} reads it back.
 */
export function exportAgentDefinition(agent: AgentRecord): string {
  const config: Record<string, unknown> = { id: agent.id, name: agent.name };
  const optional = {
    display_name: agent.display_name,
    description: agent.description,
    default_model_id: agent.default_model_id,
    tags: agent.tags,
    capabilities: agent.capabilities,
    tools: agent.tools,
    initial_files: agent.initial_files,
    mcpServers: agent.mcpServers,
    network_access: agent.network_access,
    max_iterations: agent.max_iterations,
    parallel_tool_calls: agent.parallel_tool_calls,
  };
  for (const [key, value] of Object.entries(optional)) {
    const empty =
      value == null ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === "object" && Object.keys(value).length === 0);
    if (!empty) config[key] = value;
  }
  return `---\n${stringify(config).trimEnd()}\n---\n\n${agent.system_prompt}\n`;
}

/**
 * Reads an agent definition: Markdown with YAML front matter (the body is the system prompt),
 * a YAML or JSON mapping, or plain text (the system prompt; the name is then `generatedName`).
 * Returns the body to validate as a `CreateAgentRequest`, or a message saying why it cannot.
 */
export function parseAgentDefinition(
  text: string,
  generatedName: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const match = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ""));
  if (match) {
    const config = parseMapping(match[1] ?? "");
    if (!config.ok) return config;
    const prompt = (match[2] ?? "").trim();
    return {
      ok: true,
      value: { ...config.value, ...(prompt ? { system_prompt: prompt } : {}) },
    };
  }
  const mapping = parseMapping(text);
  if (mapping.ok && ("name" in mapping.value || "system_prompt" in mapping.value)) return mapping;
  const prompt = text.trim();
  if (!prompt) return { ok: false, error: "The agent definition is empty." };
  return { ok: true, value: { name: generatedName, system_prompt: prompt } };
}

function parseMapping(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  try {
    const value: unknown = parse(text);
    if (value && typeof value === "object" && !Array.isArray(value))
      return { ok: true, value: value as Record<string, unknown> };
    return { ok: false, error: "The agent definition's front matter must be a YAML mapping." };
  } catch {
    return { ok: false, error: "The agent definition's front matter is not valid YAML." };
  }
}
