import type { SessionParticipant } from "@everruns/core";
import { DEV_PRINCIPAL_ID } from "../../catalog/builtins.js";
import { contextReport } from "../../domain/context-report.js";
import { forkSession } from "../../domain/session-fork.js";
import { storedHistoryWindow } from "../../engine/history-window.js";
import { resolveTurnSetup } from "../../engine/turn-context.js";
import { nowIso } from "../../ids.js";
import type { OperationHandlers } from "../operation-types.js";
import { pagedBody } from "../paged-body.js";
import { ApiProblem, notFound } from "../problem.js";
import { sessionMessages } from "./messages.js";
import { findSession, withUrls } from "./sessions.js";

type SessionControlHandlers = Pick<
  OperationHandlers,
  | "getSessionStats"
  | "forkSession"
  | "pinSession"
  | "unpinSession"
  | "exportSession"
  | "setSessionSecrets"
  | "listSessionSecrets"
  | "listSessionKeys"
  | "getSessionContextReport"
  | "getSessionEventsSummary"
  | "listSessionParticipants"
>;

/** Session control: stats, fork, pin, export, storage, context report, events summary, participants. */
export const sessionControlHandlers: SessionControlHandlers = {
  getSessionStats({ c, server }) {
    const counts = server.store.sessionStats.countByStatus();
    const of = (status: string) => counts.get(status) ?? 0;
    let total = 0;
    for (const n of counts.values()) total += n;
    return c.json({
      total,
      started: of("started"),
      active: of("active"),
      idle: of("idle"),
      waiting_for_tool_results: of("waiting_for_tool_results"),
    });
  },

  forkSession({ c, server, path, body, base }) {
    const source = findSession(server, path.session_id);
    if (server.engine.isBusy(source.id)) {
      throw new ApiProblem(
        409,
        "session_busy",
        `Session ${source.id} is running a turn; fork it once the turn has ended.`,
      );
    }
    if (body.agent_id != null && !server.store.agents.get(body.agent_id)) {
      throw notFound("agent", body.agent_id);
    }
    const fork = forkSession(server.store, source, body);
    server.engine.events.append(
      fork.id,
      "session.started",
      { harness_id: fork.harness_id, agent_id: fork.agent_id, model_id: fork.model_id },
      {},
    );
    server.engine.events.flush();
    return c.json(withUrls(base, fork), 201);
  },

  pinSession({ c, server, path }) {
    const session = findSession(server, path.session_id);
    server.store.sessions.update({ ...session, is_pinned: true, updated_at: nowIso() });
    return c.body(null, 204);
  },

  unpinSession({ c, server, path }) {
    const session = findSession(server, path.session_id);
    server.store.sessions.update({ ...session, is_pinned: false, updated_at: nowIso() });
    return c.body(null, 204);
  },

  exportSession({ c, server, path, query }) {
    const session = findSession(server, path.session_id);
    const format = query.format ?? "jsonl";
    if (format !== "jsonl") {
      throw new ApiProblem(
        400,
        "unsupported_export_format",
        `Invalid request: format "${format}" is not offered; use jsonl.`,
      );
    }
    // Read page by page as the client consumes it: a long history is never held whole.
    const body = pagedBody(sessionMessages(c, server, session.id), { suffix: "\n" });
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${session.id}.jsonl"`,
        "cache-control": "no-store",
      },
    });
  },

  setSessionSecrets({ c, server, path, body }) {
    const session = findSession(server, path.session_id);
    const count = server.store.sessionStorage.setSecrets(session.id, body.secrets, nowIso());
    return c.json({ count });
  },

  listSessionSecrets({ c, server, path }) {
    const session = findSession(server, path.session_id);
    return c.json({ data: server.store.sessionStorage.listSecrets(session.id) });
  },

  listSessionKeys({ c, server, path }) {
    const session = findSession(server, path.session_id);
    return c.json({ data: server.store.sessionStorage.listKeys(session.id) });
  },

  getSessionContextReport({ c, server, path }) {
    const session = findSession(server, path.session_id);
    const setup = resolveTurnSetup(server.store, session);
    // What the next model call would carry: the turn's bounded window, not the whole history.
    const messages = storedHistoryWindow((count, chars) =>
      server.store.messages.latest(session.id, count, chars),
    );
    const model = session.model_id ?? server.settings.model.name;
    return c.json(contextReport(session, setup, messages, model));
  },

  getSessionEventsSummary({ c, server, path }) {
    const session = findSession(server, path.session_id);
    // Appends made in this tick are not stored yet; count what a list would return.
    server.engine.events.flush();
    const counts = server.store.sessionStats.eventCounts(session.id);
    return c.json({
      total: counts.total,
      by_type: counts.byType,
      turn_count: counts.turns,
      error_count: counts.errors,
      first_ts: counts.firstTs,
      last_ts: counts.lastTs,
    });
  },

  listSessionParticipants({ c, server, path }) {
    const session = findSession(server, path.session_id);
    // Derived, not stored: the dev server has one user (the owner, host) and at most one
    // agent per session (member). Ids are stable: they derive from the session's.
    const suffix = session.id.slice("session_".length);
    const participants: SessionParticipant[] = [
      {
        id: `participant_${suffix}_host`,
        session_id: session.id,
        kind: "user",
        principal_id: session.owner_principal_id ?? DEV_PRINCIPAL_ID,
        role: "host",
        agent_id: null,
        agent_version_id: null,
        joined_at: session.created_at,
        left_at: null,
      },
    ];
    if (session.agent_id) {
      participants.push({
        id: `participant_${suffix}_agent`,
        session_id: session.id,
        kind: "agent",
        principal_id: session.agent_id,
        role: "member",
        agent_id: session.agent_id,
        agent_version_id: null,
        joined_at: session.created_at,
        left_at: null,
      });
    }
    return c.json(participants);
  },
};
