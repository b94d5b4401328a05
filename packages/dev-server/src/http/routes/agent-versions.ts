import type { AgentVersion } from "@everruns/core";
import {
  type AgentConfig,
  diffConfigs,
  saveVersion,
  withConfig,
} from "../../domain/agent-versions.js";
import { assertNameFree, newAgentId } from "../../domain/agents.js";
import { nowIso } from "../../ids.js";
import type { AgentRecord } from "../../store/records.js";
import type { OperationHandlers } from "../operation-types.js";
import { ApiProblem, notFound } from "../problem.js";
import type { ServerContext } from "../server-context.js";
import { findAgent, withUrls } from "./agents.js";

type AgentVersionHandlers = Pick<
  OperationHandlers,
  | "listAgentVersions"
  | "createAgentVersion"
  | "setDefaultAgentVersion"
  | "diffAgentVersions"
  | "forkAgentVersion"
  | "rollbackAgentVersion"
>;

/** Agent versions: list, save, choose the default, compare, fork into a new agent, roll back. */
export const agentVersionHandlers: AgentVersionHandlers = {
  listAgentVersions({ c, server, path }) {
    const agent = findAgent(server, path.agent_id);
    return c.json(server.store.agentVersions.listByAgent(agent.id));
  },

  createAgentVersion({ c, server, path, body }) {
    const agent = findAgent(server, path.agent_id);
    const kind = body?.change_kind ?? "manual";
    if (kind === "rollback" || kind === "fork") {
      throw new ApiProblem(
        400,
        "invalid_change_kind",
        `change_kind "${kind}" is set by the rollback and fork operations, not given.`,
      );
    }
    const { version } = saveVersion(server.store, agent, kind, body?.summary ?? null, null);
    return c.json(version);
  },

  setDefaultAgentVersion({ c, server, path, body, base }) {
    const agent = findAgent(server, path.agent_id);
    const version = findVersion(server, agent, body.version_id);
    return c.json(withUrls(base, restore(server, agent, version)));
  },

  diffAgentVersions({ c, server, path }) {
    const agent = findAgent(server, path.agent_id);
    const from = findVersion(server, agent, path.from_version_id);
    const to = findVersion(server, agent, path.to_version_id);
    return c.json({
      from_version_id: from.id,
      to_version_id: to.id,
      authored_diff: diffConfigs(from.authored_config, to.authored_config),
      resolved_diff: diffConfigs(from.resolved_config, to.resolved_config),
    });
  },

  forkAgentVersion({ c, server, path, body, base }) {
    const source = findAgent(server, path.agent_id);
    const version = findVersion(server, source, path.version_id);
    const { agents } = server.store;
    assertNameFree(agents, body.name, undefined);
    const now = nowIso();
    const fork: AgentRecord = withConfig(
      {
        ...source,
        id: newAgentId(),
        name: body.name,
        status: "active",
        archived_at: null,
        default_version_id: null,
        root_agent_id: source.root_agent_id ?? source.id,
        forked_from_agent_id: source.id,
        forked_from_version_id: version.id,
        created_at: now,
        updated_at: now,
      },
      version.authored_config as unknown as AgentConfig,
    );
    if (body.display_name !== undefined) fork.display_name = body.display_name;
    const saved = server.store.transaction(() => {
      agents.insert(fork);
      return saveVersion(server.store, fork, "fork", null, version.id).agent;
    });
    return c.json(withUrls(base, saved));
  },

  rollbackAgentVersion({ c, server, path, body, base }) {
    const agent = findAgent(server, path.agent_id);
    const version = findVersion(server, agent, path.version_id);
    if (body?.save_version === false) {
      return c.json(withUrls(base, restore(server, agent, version)));
    }
    const restored = withConfig(agent, version.authored_config as unknown as AgentConfig);
    server.store.agents.update(restored);
    const summary = body?.summary ?? `Rolled back to ${version.version}`;
    return c.json(
      withUrls(base, saveVersion(server.store, restored, "rollback", summary, version.id).agent),
    );
  },
};

/** The version `id` of `agent`, or 404 `agent_version_not_found`. */
function findVersion(server: ServerContext, agent: AgentRecord, id: string): AgentVersion {
  const version = server.store.agentVersions.get(id);
  if (!version || version.agent_id !== agent.id) throw notFound("agent_version", id);
  return version;
}

/** Makes `version` the agent's default, with its settings: the next turn runs them. */
function restore(server: ServerContext, agent: AgentRecord, version: AgentVersion): AgentRecord {
  const next: AgentRecord = {
    ...withConfig(agent, version.authored_config as unknown as AgentConfig),
    default_version_id: version.id,
    updated_at: nowIso(),
  };
  server.store.agents.update(next);
  return next;
}
