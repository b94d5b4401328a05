import type { AgentWithCounts, CreateAgentRequest } from "@everruns/core";
import {
  EXAMPLE_AGENTS,
  exportAgentDefinition,
  parseAgentDefinition,
} from "../../domain/agent-definition.js";
import { keepDefaultVersionCurrent } from "../../domain/agent-versions.js";
import {
  agentFromRequest,
  assertNameFree,
  freeName,
  newAgentId,
  patchAgent,
} from "../../domain/agents.js";
import { nowIso } from "../../ids.js";
import type { AgentRecord } from "../../store/records.js";
import { assertValueDepth } from "../json-depth.js";
import type { OperationHandlers } from "../operation-types.js";
import { ApiProblem, notFound } from "../problem.js";
import { readTextBody } from "../read-body.js";
import type { ServerContext } from "../server-context.js";
import { pageLinks, resourceUrls } from "../urls.js";

const AGENT_ID = /^agent_[0-9a-f]{32}$/;

type AgentHandlers = Pick<
  OperationHandlers,
  | "createAgent"
  | "listAgents"
  | "importAgent"
  | "getAgent"
  | "upsertAgent"
  | "updateAgent"
  | "archiveAgent"
  | "copyAgent"
  | "exportAgent"
>;

/** Agents: create/apply (by id and by name), list, get, put, patch, archive, copy, import, export. */
export const agentHandlers: AgentHandlers = {
  createAgent({ c, server, body, base }) {
    const { agents } = server.store;
    const existing = body.id != null ? agents.get(body.id) : agents.getByName(body.name);
    const id = existing?.id ?? body.id ?? newAgentId();
    assertNameFree(agents, body.name, id);
    const agent = save(
      server,
      agentFromRequest(id, body, existing, server.store),
      existing !== undefined,
    );
    return c.json(withUrls(base, agent), existing ? 200 : 201);
  },

  listAgents({ c, server, query, base }) {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 20;
    const { rows, total } = server.store.agents.list({
      search: query.search,
      includeArchived: query.include_archived === true,
      offset,
      limit,
    });
    return c.json({
      data: rows.map((agent) => withCounts(server, base, agent)),
      total,
      offset,
      limit,
      ...pageLinks(c, { offset, limit, count: rows.length, total }),
    });
  },

  async importAgent({ c, server, query, base }) {
    const { agents } = server.store;
    let definition: Record<string, unknown>;
    const example = query["from-example"];
    if (example !== undefined) {
      const found = EXAMPLE_AGENTS[example];
      if (!found) {
        throw new ApiProblem(
          404,
          "example_not_found",
          `No built-in example "${example}". Examples: ${Object.keys(EXAMPLE_AGENTS).join(", ")}.`,
        );
      }
      definition = { ...found };
    } else {
      const parsed = parseAgentDefinition(
        await readTextBody(c),
        `imported-agent-${Date.now().toString(16).slice(-8)}`,
      );
      if (!parsed.ok) throw new ApiProblem(400, "invalid_definition", parsed.error);
      definition = parsed.value;
    }
    assertValueDepth(definition);
    server.validator.schema("CreateAgentRequest", definition, "definition");
    const request = definition as unknown as CreateAgentRequest;
    const existing = request.id != null ? agents.get(request.id) : undefined;
    const id = existing?.id ?? request.id ?? newAgentId();
    const name = existing ? request.name : freeName(agents, request.name);
    if (existing) assertNameFree(agents, name, id);
    const agent = save(
      server,
      agentFromRequest(id, { ...request, name }, existing, server.store),
      !!existing,
    );
    return c.json(withUrls(base, agent), existing ? 200 : 201);
  },

  getAgent({ c, server, path, base }) {
    return c.json(withCounts(server, base, findAgent(server, path.agent_id)));
  },

  upsertAgent({ c, server, path, body, base }) {
    const { agents } = server.store;
    const ref = path.agent_id;
    let existing: AgentRecord | undefined;
    let id: string;
    if (AGENT_ID.test(ref)) {
      if (body.id != null && body.id !== ref) {
        throw new ApiProblem(
          400,
          "id_mismatch",
          `The body's id ${body.id} differs from the path's ${ref}.`,
        );
      }
      existing = agents.get(ref);
      id = ref;
    } else {
      if (body.name !== ref) {
        throw new ApiProblem(
          400,
          "name_mismatch",
          `The body's name "${body.name}" differs from the path's "${ref}".`,
        );
      }
      existing = agents.getByName(ref);
      id = existing?.id ?? body.id ?? newAgentId();
    }
    assertNameFree(agents, body.name, id);
    const agent = save(
      server,
      agentFromRequest(id, body, existing, server.store),
      existing !== undefined,
    );
    return c.json(withUrls(base, agent), existing ? 200 : 201);
  },

  updateAgent({ c, server, path, body, base }) {
    const agent = patchAgent(findAgent(server, path.agent_id), body, server.store);
    assertNameFree(server.store.agents, agent.name, agent.id);
    return c.json(withUrls(base, save(server, agent, true)));
  },

  archiveAgent({ c, server, path }) {
    const agent = findAgent(server, path.agent_id);
    if (agent.status === "active") {
      const now = nowIso();
      save(server, { ...agent, status: "archived", archived_at: now, updated_at: now }, true);
    }
    return c.body(null, 204);
  },

  copyAgent({ c, server, path, base }) {
    const source = findAgent(server, path.agent_id);
    const now = nowIso();
    const copy: AgentRecord = {
      ...source,
      id: newAgentId(),
      name: freeName(server.store.agents, `${source.name}-copy`),
      display_name: `${source.display_name ?? source.name} (copy)`,
      status: "active",
      archived_at: null,
      forked_from_agent_id: source.id,
      forked_from_version_id: null,
      default_version_id: null,
      created_at: now,
      updated_at: now,
    };
    return c.json(withUrls(base, save(server, copy, false)), 201);
  },

  exportAgent({ c, server, path }) {
    const agent = findAgent(server, path.agent_id);
    return c.body(exportAgentDefinition(agent), 200, {
      "content-type": "text/markdown; charset=utf-8",
    });
  },
};

/** The agent with this id or name, or 404 `agent_not_found`. */
export function findAgent(server: ServerContext, ref: string): AgentRecord {
  const agent = AGENT_ID.test(ref)
    ? server.store.agents.get(ref)
    : server.store.agents.getByName(ref);
  if (!agent) throw notFound("agent", ref);
  return agent;
}

function save(server: ServerContext, agent: AgentRecord, exists: boolean): AgentRecord {
  if (exists) server.store.agents.update(agent);
  else server.store.agents.insert(agent);
  // An agent with versions runs its default one: an edit saves a version so it takes effect.
  return keepDefaultVersionCurrent(server.store, agent);
}

/** The agent as the API answers it, with its URLs. */
export function withUrls(base: string, agent: AgentRecord) {
  return { ...agent, ...resourceUrls(base, "agents", agent.id) };
}

function withCounts(server: ServerContext, base: string, agent: AgentRecord): AgentWithCounts {
  return {
    ...withUrls(base, agent),
    session_count: server.store.sessions.countByAgent(agent.id),
    app_count: 0,
  };
}
