import { createHash } from "node:crypto";
import type { AgentVersion, AgentVersionChangeKind } from "@everruns/core";
import { DEV_PRINCIPAL_ID } from "../catalog/builtins.js";
import { newId, nowIso } from "../ids.js";
import type { AgentRecord } from "../store/records.js";
import type { Store } from "../store/store.js";
import { resolveAgentConfig } from "./effective-config.js";

/** The agent fields a version keeps: its settings, not its identity, status or timestamps. */
export const VERSIONED_FIELDS = [
  "display_name",
  "description",
  "system_prompt",
  "harness_id",
  "default_model_id",
  "tags",
  "capabilities",
  "tools",
  "initial_files",
  "mcpServers",
  "network_access",
  "max_iterations",
  "parallel_tool_calls",
] as const satisfies readonly (keyof AgentRecord)[];

/** The part of an agent a version snapshots. */
export type AgentConfig = Pick<AgentRecord, (typeof VERSIONED_FIELDS)[number]>;

/** The versioned settings of an agent, with absent optional fields as `null`. */
export function authoredConfig(agent: AgentRecord): AgentConfig {
  const config: Record<string, unknown> = {};
  for (const field of VERSIONED_FIELDS) config[field] = agent[field] ?? null;
  return config as AgentConfig;
}

/** The agent with its settings replaced by those of `config`. */
export function withConfig(agent: AgentRecord, config: AgentConfig): AgentRecord {
  const next: Record<string, unknown> = { ...agent };
  for (const field of VERSIONED_FIELDS) {
    const value = config[field];
    if (value === null && (field === "tags" || field === "capabilities" || field === "tools")) {
      next[field] = [];
    } else {
      next[field] = value;
    }
  }
  return next as AgentRecord;
}

/** A stable hash of a configuration: keys sorted, so equal settings hash alike. */
export function configHash(config: unknown): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The semver parts after `previous` for a change of this kind (the first version is 1.0.0). */
export function nextSemver(
  previous: AgentVersion | undefined,
  kind: AgentVersionChangeKind,
): [number, number, number] {
  if (!previous) return [1, 0, 0];
  const { semver_major: major, semver_minor: minor, semver_patch: patch } = previous;
  if (kind === "major") return [major + 1, 0, 0];
  if (kind === "minor" || kind === "manual" || kind === "import" || kind === "fork") {
    return [major, minor + 1, 0];
  }
  return [major, minor, patch + 1];
}

/**
 * Saves `agent`'s current settings as its next version and makes it the default one, which
 * its sessions run. Returns the version and the updated agent (both stored).
 */
export function saveVersion(
  store: Store,
  agent: AgentRecord,
  kind: AgentVersionChangeKind,
  summary: string | null,
  sourceVersionId: string | null,
): { version: AgentVersion; agent: AgentRecord } {
  return store.transaction(() => {
    const previous = store.agentVersions.listByAgent(agent.id)[0];
    const [major, minor, patch] = nextSemver(previous, kind);
    const authored = authoredConfig(agent);
    const version: AgentVersion = {
      id: newId("agentver"),
      agent_id: agent.id,
      version_number: store.agentVersions.lastNumber(agent.id) + 1,
      semver_major: major,
      semver_minor: minor,
      semver_patch: patch,
      version: `${major}.${minor}.${patch}`,
      is_published: true,
      change_kind: kind,
      summary,
      config_hash: configHash(authored),
      authored_config: authored as unknown as Record<string, never>,
      resolved_config: resolveAgentConfig(store, authored) as unknown as Record<string, never>,
      parent_version_id: agent.default_version_id ?? null,
      source_version_id: sourceVersionId,
      created_by_principal_id: DEV_PRINCIPAL_ID,
      created_at: nowIso(),
    };
    store.agentVersions.insert(version);
    const updated: AgentRecord = { ...agent, default_version_id: version.id, updated_at: nowIso() };
    store.agents.update(updated);
    return { version, agent: updated };
  });
}

/** One difference between two configurations, at a dotted `path`. */
export interface ConfigChange {
  path: string;
  op: "added" | "removed" | "changed";
  from?: unknown;
  to?: unknown;
}

/** The differences from `before` to `after`, walking objects key by key (arrays compare whole). */
export function diffConfigs(before: unknown, after: unknown, path = ""): ConfigChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      const had = before[key] !== undefined && before[key] !== null;
      const has = after[key] !== undefined && after[key] !== null;
      if (!had && !has) return [];
      if (!had) return [{ path: at, op: "added" as const, to: after[key] }];
      if (!has) return [{ path: at, op: "removed" as const, from: before[key] }];
      return diffConfigs(before[key], after[key], at);
    });
  }
  if (canonicalJson(before) === canonicalJson(after)) return [];
  return [{ path, op: "changed", from: before, to: after }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The agent as its sessions run it: with the settings of its default version when it has one
 * (a rollback or a chosen default changes what the next turn uses), else as stored.
 */
export function effectiveAgent(store: Store, agentId: string): AgentRecord | undefined {
  const agent = store.agents.get(agentId);
  if (!agent?.default_version_id) return agent;
  const version = store.agentVersions.get(agent.default_version_id);
  if (!version) return agent;
  return withConfig(agent, version.authored_config as unknown as AgentConfig);
}

/**
 * After an edit of an agent that has a default version: when its settings no longer match
 * that version, saves them as a new `auto` version (which becomes the default), so the edit is
 * what the next turn runs. Returns the agent as stored.
 */
export function keepDefaultVersionCurrent(store: Store, agent: AgentRecord): AgentRecord {
  if (!agent.default_version_id) return agent;
  const current = store.agentVersions.get(agent.default_version_id);
  if (current && current.config_hash === configHash(authoredConfig(agent))) return agent;
  return saveVersion(store, agent, "auto", null, null).agent;
}
