import type { Db } from "./database.js";

/** Counts of one session's events. */
export interface EventCounts {
  byType: { event_type: string; count: number }[];
  total: number;
  turns: number;
  errors: number;
  firstTs: string | null;
  lastTs: string | null;
}

/** Aggregates over sessions and events, computed by SQLite (nothing is cached). */
export class SessionStatsRepo {
  readonly #byStatus;
  readonly #byType;
  readonly #span;

  constructor(db: Db) {
    this.#byStatus = db.prepare<[], { status: string; n: number }>(
      "SELECT status, count(*) AS n FROM sessions GROUP BY status",
    );
    this.#byType = db.prepare<[string], { event_type: string; count: number }>(
      "SELECT type AS event_type, count(*) AS count FROM events WHERE session_id = ? GROUP BY type ORDER BY count DESC, type",
    );
    this.#span = db.prepare<[string], { first: string | null; last: string | null }>(
      "SELECT min(ts) AS first, max(ts) AS last FROM events WHERE session_id = ?",
    );
  }

  /** Number of sessions per status. */
  countByStatus(): Map<string, number> {
    return new Map(this.#byStatus.all().map((row) => [row.status, row.n]));
  }

  /** Counts of a session's events by type, with its turns and failed turns. */
  eventCounts(sessionId: string): EventCounts {
    const byType = this.#byType.all(sessionId);
    const span = this.#span.get(sessionId);
    const count = (type: string) => byType.find((row) => row.event_type === type)?.count ?? 0;
    return {
      byType,
      total: byType.reduce((sum, row) => sum + row.count, 0),
      turns: count("turn.started"),
      errors: count("turn.failed"),
      firstTs: span?.first ?? null,
      lastTs: span?.last ?? null,
    };
  }
}
