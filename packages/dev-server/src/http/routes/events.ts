import { isKnownEventType } from "@everruns/core";
import type { EventQuery } from "../../store/events-repo.js";
import { queryInSteps } from "../../store/stepped-event-query.js";
import type { OperationHandlers } from "../operation-types.js";
import { ApiProblem } from "../problem.js";
import { sseResponse } from "../sse-stream.js";
import { findSession } from "./sessions.js";

/**
 * Events returned when `limit` is absent: the spec's maximum page. A session's whole log can
 * be far larger than one answer may be; the client continues with `since_id`.
 */
export const DEFAULT_EVENT_PAGE = 1000;

/** Most values `types` or `exclude` may list. */
export const MAX_TYPE_FILTERS = 25;

type EventHandlers = Pick<OperationHandlers, "listEvents" | "streamSessionEvents">;

/** Session events: the stored log with its filters, and the live SSE stream. */
export const eventHandlers: EventHandlers = {
  async listEvents({ c, server, path, query }) {
    const session = findSession(server, path.session_id);
    const repo = server.store.events;
    const types = typeFilter(query.types, "types");
    const exclude = typeFilter(query.exclude, "exclude");
    const filters: Omit<EventQuery, "sessionId"> = {
      types,
      exclude,
      fromTs: timestamp(query.from_ts, "from_ts"),
      toTs: timestamp(query.to_ts, "to_ts"),
      turnId: query.turn_id,
      execId: query.exec_id,
      traceId: query.trace_id,
      tags: query.tags,
      toolName: query.tool_name,
      q: query.q,
    };
    let rows: { doc: string }[];
    if (query.around !== undefined) {
      if (
        query.since_id !== undefined ||
        query.after_sequence !== undefined ||
        query.before_sequence !== undefined
      ) {
        throw new ApiProblem(
          400,
          "conflicting_parameters",
          "around cannot be combined with since_id, after_sequence or before_sequence.",
        );
      }
      const anchor = repo.sequenceOf(session.id, query.around);
      if (anchor === undefined) {
        throw new ApiProblem(
          404,
          "event_not_found",
          `Session ${session.id} has no event ${query.around}.`,
        );
      }
      const window = query.window ?? 50;
      rows = repo.query({
        sessionId: session.id,
        ...filters,
        afterSequence: anchor - window - 1,
        beforeSequence: anchor + window + 1,
      });
    } else {
      const sinceSequence =
        query.since_id !== undefined
          ? repo.sequenceAtOrBefore(session.id, query.since_id)
          : undefined;
      const after = maxDefined(sinceSequence, query.after_sequence);
      // With a forward cursor, `limit` pages forward (the next N); without one it returns the
      // last N, as the API's backward pagination does. The scan runs in steps: filters such as
      // `q` read every stored document, and a large session must not stall the server.
      rows = await queryInSteps(repo, {
        sessionId: session.id,
        ...filters,
        afterSequence: after,
        beforeSequence: query.before_sequence,
        limit: query.limit ?? DEFAULT_EVENT_PAGE,
        lastN: after === undefined && query.limit !== undefined,
      });
    }
    // The scan hands the event loop back between steps: if the session was deleted meanwhile,
    // what was read is part of a log that no longer exists.
    findSession(server, path.session_id);
    if (query.order_desc === true) rows.reverse();
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (query.limit !== undefined)
      headers["x-total-count"] = String(repo.countNonDelta(session.id));
    // Events are stored serialized: join the stored JSON rather than parse and re-serialize it.
    return c.body(`{"data":[${rows.map((row) => row.doc).join(",")}]}`, 200, headers);
  },

  streamSessionEvents({ c, server, path, query }) {
    const session = findSession(server, path.session_id);
    const afterSequence =
      query.since_id !== undefined
        ? server.store.events.sequenceAtOrBefore(session.id, query.since_id)
        : 0;
    const types = typeFilter(query.types, "types");
    const exclude = typeFilter(query.exclude, "exclude");
    const release = server.sseLimits.acquire(session.id);
    return sseResponse(c, {
      sessionId: session.id,
      bus: server.bus,
      events: server.store.events,
      afterSequence,
      types: types ? new Set(types) : undefined,
      exclude: exclude ? new Set(exclude) : undefined,
      isBusy: () => server.engine.isBusy(session.id),
      heartbeatMs: server.settings.heartbeatMs,
      connectionCycleMs: server.settings.connectionCycleMs,
      maxQueuedBytes: server.settings.sseMaxQueuedBytes,
      onEnd: release,
    });
  },
};

// Only known event types, at most 25, as the API enforces for both `types` and `exclude`.
function typeFilter(values: readonly string[] | undefined, name: string): string[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > MAX_TYPE_FILTERS) {
    throw new ApiProblem(
      400,
      "validation_failed",
      `Invalid request: ${name} lists ${values.length} event types; at most ${MAX_TYPE_FILTERS} are allowed.`,
    );
  }
  const unknown = values.find((value) => !isKnownEventType(value));
  if (unknown !== undefined) {
    throw new ApiProblem(
      400,
      "unknown_event_type",
      `Invalid request: ${name} contains "${unknown}", which is not a known event type.`,
    );
  }
  return [...values];
}

// The spec's date-time format admits what Date cannot represent (a leap second, 23:59:60):
// refuse it as bad input rather than fail on it.
function timestamp(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new ApiProblem(
      400,
      "validation_failed",
      `Invalid request: ${name} "${value.slice(0, 40)}" is not a representable date-time (leap seconds are not supported).`,
    );
  }
  return date.toISOString();
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
