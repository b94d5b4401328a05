import type { Everruns } from "@everruns/core";

/** Name of the agent the app creates (or reuses) when none is given. */
export const DEFAULT_AGENT_NAME = "everruns-tui";

/** What the app needs to know about an agent. */
export interface AgentRef {
  readonly id: string;
  readonly name: string;
  /** `display_name`, else `name`. */
  readonly label: string;
}

const AGENT_ID = /^agent_[0-9a-f]{32}$/;

/**
 * Finds the agent to talk to: by id (`agent_<32 hex>`), else by exact name. Without a
 * reference, applies the default agent by name (created once, reused after). A name that
 * matches no agent is created when `createMissing` is set, else it is an error.
 */
export async function resolveAgent(
  client: Everruns,
  reference: string | undefined,
  options: { createMissing?: boolean; local?: boolean } = {},
): Promise<AgentRef> {
  if (reference === undefined) return applyAgent(client, DEFAULT_AGENT_NAME, options.local);
  if (AGENT_ID.test(reference)) return toRef(await client.agents.get(reference));
  const page = await client.agents.list({ search: reference, limit: 100 });
  const found = page.data.find((agent) => agent.name === reference);
  if (found) return toRef(found);
  if (options.createMissing) return applyAgent(client, reference, options.local);
  throw new Error(
    `No agent is named "${reference}". Use /agents ${reference} in the chat to create it.`,
  );
}

async function applyAgent(client: Everruns, name: string, local = false): Promise<AgentRef> {
  const agent = await client.agents.applyByName({
    name,
    display_name: name === DEFAULT_AGENT_NAME ? "Everruns TUI" : name,
    system_prompt: "You are a helpful assistant. Answer concisely, in markdown.",
    // The embedded dev server has the built-in `current_time` tool; hosted capabilities vary.
    ...(local ? { capabilities: [{ ref: "current_time" }] } : {}),
  });
  return toRef(agent);
}

function toRef(agent: { id: string; name: string; display_name?: string | null }): AgentRef {
  return { id: agent.id, name: agent.name, label: agent.display_name || agent.name };
}
