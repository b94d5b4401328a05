import type { CreateAgentRequest, UpdateAgentRequest } from "@everruns/core";
import { GENERIC_HARNESS } from "../catalog/builtins.js";
import { ApiProblem } from "../http/problem.js";
import { newId, nowIso } from "../ids.js";
import type { AgentsRepo } from "../store/agents-repo.js";
import type { AgentRecord } from "../store/records.js";
import type { Store } from "../store/store.js";
import { resolveHarnessId } from "./harnesses.js";

/** Longest agent name (the spec's `AgentName.maxLength`). */
export const MAX_NAME_LENGTH = 64;

/** The agent built from a create/apply body; `existing` keeps its id, status and creation time. */
export function agentFromRequest(
  id: string,
  body: CreateAgentRequest,
  existing: AgentRecord | undefined,
  store: Store,
): AgentRecord {
  const now = nowIso();
  const agent: AgentRecord = {
    id,
    name: body.name,
    display_name: body.display_name ?? null,
    description: body.description ?? null,
    system_prompt: body.system_prompt,
    harness_id: resolveHarnessId(store, body) ?? existing?.harness_id ?? GENERIC_HARNESS.id,
    default_model_id: body.default_model_id ?? null,
    status: existing?.status ?? "active",
    tags: body.tags ?? [],
    capabilities: body.capabilities ?? [],
    tools: body.tools ?? [],
    initial_files: body.initial_files ?? [],
    mcpServers: body.mcpServers ?? {},
    network_access: body.network_access ?? null,
    max_iterations: body.max_iterations ?? null,
    parallel_tool_calls: body.parallel_tool_calls ?? null,
    default_version_id: existing?.default_version_id ?? null,
    archived_at: existing?.archived_at ?? null,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  return agent;
}

/** The agent with the fields present in a PATCH body changed. */
export function patchAgent(
  agent: AgentRecord,
  body: UpdateAgentRequest,
  store: Store,
): AgentRecord {
  const next: AgentRecord = { ...agent, updated_at: nowIso() };
  const harnessId = resolveHarnessId(store, body);
  if (harnessId) next.harness_id = harnessId;
  if (body.name != null) next.name = body.name;
  if (body.system_prompt != null) next.system_prompt = body.system_prompt;
  if (body.display_name !== undefined) next.display_name = body.display_name;
  if (body.description !== undefined) next.description = body.description;
  if (body.default_model_id !== undefined) next.default_model_id = body.default_model_id;
  if (body.tags != null) next.tags = body.tags;
  if (body.capabilities != null) next.capabilities = body.capabilities;
  if (body.tools != null) next.tools = body.tools;
  if (body.initial_files != null) next.initial_files = body.initial_files;
  if (body.mcpServers != null) next.mcpServers = body.mcpServers;
  if (body.network_access !== undefined) next.network_access = body.network_access;
  if (body.max_iterations !== undefined) next.max_iterations = body.max_iterations;
  if (body.parallel_tool_calls !== undefined) next.parallel_tool_calls = body.parallel_tool_calls;
  if (body.status != null && body.status !== agent.status) {
    next.status = body.status;
    next.archived_at = body.status === "active" ? null : next.updated_at;
  }
  return next;
}

/** 400 `name_taken` when another agent than `selfId` already has `name`. */
export function assertNameFree(repo: AgentsRepo, name: string, selfId: string | undefined): void {
  const holder = repo.getByName(name);
  if (holder && holder.id !== selfId) {
    throw new ApiProblem(
      400,
      "name_taken",
      `The agent name "${name}" is already used by agent ${holder.id}; names are unique.`,
    );
  }
}

/** `base`, or `base-2`, `base-3`, ... : the first name no agent has (at most 64 characters). */
export function freeName(repo: AgentsRepo, base: string): string {
  const stem = base.slice(0, MAX_NAME_LENGTH - 4).replace(/-+$/, "") || "agent";
  if (!repo.getByName(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem.slice(0, MAX_NAME_LENGTH - String(n).length - 1)}-${n}`;
    if (!repo.getByName(candidate)) return candidate;
  }
}

/** A fresh agent id. */
export function newAgentId(): string {
  return newId("agent");
}
