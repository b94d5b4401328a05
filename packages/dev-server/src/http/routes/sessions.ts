import type { Session } from "@everruns/core";
import { DEV_ORGANIZATION_ID, DEV_PRINCIPAL_ID, GENERIC_HARNESS } from "../../catalog/builtins.js";
import { resolveHarnessId } from "../../domain/harnesses.js";
import { createWorkspace, writeInitialFiles } from "../../domain/workspaces.js";
import { newId, nowIso } from "../../ids.js";
import type { AgentRecord, SessionRecord } from "../../store/records.js";
import type { OperationHandlers } from "../operation-types.js";
import { ApiProblem, notFound } from "../problem.js";
import type { ServerContext } from "../server-context.js";
import { pageLinks, resourceUrls } from "../urls.js";
import { findWorkspace } from "./workspaces.js";

type SessionHandlers = Pick<
  OperationHandlers,
  | "createSession"
  | "listSessions"
  | "getSession"
  | "updateSession"
  | "deleteSession"
  | "cancelTurn"
  | "submitToolResults"
>;

/** Sessions: create (harness: explicit, else the agent's, else `generic`), list, get, update, delete, cancel, tool results. */
export const sessionHandlers: SessionHandlers = {
  createSession({ c, server, body, base }) {
    if (body.agent_id != null && body.agent_name != null) {
      throw new ApiProblem(
        400,
        "conflicting_fields",
        "Give at most one of agent_id and agent_name.",
      );
    }
    let agent: AgentRecord | undefined;
    if (body.agent_id != null) {
      agent = server.store.agents.get(body.agent_id);
      if (!agent) throw notFound("agent", body.agent_id);
    } else if (body.agent_name != null) {
      agent = server.store.agents.getByName(body.agent_name);
      if (!agent) throw notFound("agent", body.agent_name);
    }
    const harnessId =
      resolveHarnessId(server.store, body) ?? agent?.harness_id ?? GENERIC_HARNESS.id;
    const now = nowIso();
    const id = newId("session");
    // A given workspace must exist; otherwise the session gets its own (see `store` below).
    if (body.workspace_id != null) findWorkspace(server, body.workspace_id);
    const session: SessionRecord = {
      id,
      organization_id: DEV_ORGANIZATION_ID,
      workspace_id: body.workspace_id ?? "",
      harness_id: harnessId,
      agent_id: agent?.id ?? null,
      agent_identity_id: body.agent_identity_id ?? null,
      title: body.title ?? null,
      locale: body.locale ?? null,
      status: "started",
      system_prompt: body.system_prompt ?? null,
      model_id: body.model_id ?? agent?.default_model_id ?? null,
      tags: body.tags ?? [],
      features: [],
      capabilities: body.capabilities ?? [],
      tools: body.tools ?? [],
      initial_files: body.initial_files ?? [],
      mcpServers: body.mcpServers ?? {},
      network_access: body.network_access ?? null,
      max_iterations: body.max_iterations ?? null,
      parallel_tool_calls: body.parallel_tool_calls ?? null,
      hints: body.hints ?? null,
      owner_principal_id: DEV_PRINCIPAL_ID,
      preview: null,
      output_preview: null,
      usage: null,
      started_at: null,
      finished_at: null,
      created_at: now,
      updated_at: now,
    };
    // One transaction: the session, its workspace and its initial files land together or not at all.
    server.store.transaction(() => {
      if (!session.workspace_id) {
        session.workspace_id = createWorkspace(server.store, `session-${id}`).id;
      }
      writeInitialFiles(server.store, session.workspace_id, session.initial_files ?? []);
      server.store.sessions.insert(session);
    });
    // The hosted API opens every session's log with `session.started`; stored before the
    // answer so a client that lists events right after creating sees it.
    server.engine.events.append(
      session.id,
      "session.started",
      { harness_id: session.harness_id, agent_id: session.agent_id, model_id: session.model_id },
      {},
    );
    server.engine.events.flush();
    return c.json(withUrls(base, session), 201);
  },

  listSessions({ c, server, query, base }) {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 20;
    const { rows, total } = server.store.sessions.list({
      agentId: query.agent_id,
      search: query.search,
      offset,
      limit,
    });
    return c.json({
      data: rows.map((session) => withUrls(base, session)),
      total,
      offset,
      limit,
      ...pageLinks(c, { offset, limit, count: rows.length, total }),
    });
  },

  getSession({ c, server, path, base }) {
    return c.json(withUrls(base, findSession(server, path.session_id)));
  },

  updateSession({ c, server, path, body, base }) {
    const session = { ...findSession(server, path.session_id), updated_at: nowIso() };
    if (body.title !== undefined) session.title = body.title;
    if (body.locale !== undefined) session.locale = body.locale;
    if (body.tags != null) session.tags = body.tags;
    if (body.agent_identity_id !== undefined) session.agent_identity_id = body.agent_identity_id;
    server.store.sessions.update(session);
    return c.json(withUrls(base, session));
  },

  deleteSession({ c, server, path }) {
    const session = findSession(server, path.session_id);
    server.engine.forgetSession(session.id);
    server.store.sessions.delete(session.id);
    server.bus.closeSession(session.id);
    return c.body(null, 204);
  },

  async cancelTurn({ c, server, path }) {
    const session = findSession(server, path.session_id);
    const status = await server.engine.cancel(session.id);
    return c.json({
      status,
      message: status === "cancelled" ? "The running turn was cancelled." : "No turn was running.",
    });
  },

  submitToolResults({ c, server, path, body }) {
    const session = findSession(server, path.session_id);
    const outcome = server.engine.submitToolResults(session.id, body.tool_results);
    if (outcome.kind === "not_waiting") {
      throw new ApiProblem(
        409,
        "turn_not_waiting",
        `Session ${session.id} is not waiting for tool results (status: ${session.status}).`,
      );
    }
    if (outcome.kind === "unknown_call") {
      throw new ApiProblem(
        400,
        "unknown_tool_call",
        `The turn did not request a tool call with id "${outcome.toolCallId}".`,
      );
    }
    return c.json({ accepted: outcome.accepted, status: outcome.status });
  },
};

/** The session with this id, or a 404 `session_not_found`. */
export function findSession(server: ServerContext, id: string): SessionRecord {
  const session = server.store.sessions.get(id);
  if (!session) throw notFound("session", id);
  return session;
}

/** A session as the API returns it, with its URLs. */
export function withUrls(base: string, session: SessionRecord): Session {
  return { ...session, ...resourceUrls(base, "sessions", session.id) };
}
