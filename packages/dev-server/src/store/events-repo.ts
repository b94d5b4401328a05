import type { Db, Statement } from "./database.js";

/** An event as stored: its JSON document and the columns queries filter on. */
export interface EventRow {
  id: string;
  session_id: string;
  sequence: number;
  type: string;
  ts: string;
  turn_id: string | null;
  exec_id: string | null;
  trace_id: string | null;
  tool_name: string | null;
  tags: string | null;
  doc: string;
}

/** A stored event's position, type and JSON, as read back for lists and replays. */
export interface EventDoc {
  id: string;
  sequence: number;
  type: string;
  doc: string;
}

/** Filters of {@link EventsRepo.query}; all optional, all combined with AND. */
export interface EventQuery {
  sessionId: string;
  afterSequence?: number | undefined;
  beforeSequence?: number | undefined;
  types?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
  fromTs?: string | undefined;
  toTs?: string | undefined;
  turnId?: string | undefined;
  execId?: string | undefined;
  traceId?: string | undefined;
  tags?: readonly string[] | undefined;
  toolName?: string | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  /** With `limit`: take the last N matches instead of the first N. Results stay oldest first. */
  lastN?: boolean | undefined;
}

/** Columns of one inserted event row. */
const COLUMNS = 11;
/**
 * Rows per INSERT statement. One statement per batch instead of one per row crosses into the
 * driver once per 32 events (a measurable share of a busy commit); 32 × 11 parameters stay far
 * below SQLite's limit on bound variables.
 */
const INSERT_CHUNK = 32;

/** Events table. Writes come in batches (one transaction each) from the event log. */
export class EventsRepo {
  readonly #db: Db;
  readonly #insertChunks;
  readonly #maxSequence;
  readonly #sequenceOf;
  readonly #sequenceAtOrBefore;
  readonly #countNonDelta;
  readonly #queries = new Map<string, Statement<unknown[], EventDoc>>();
  /** One multi-row INSERT per batch size up to {@link INSERT_CHUNK}, prepared on first use. */
  readonly #inserts: Statement[] = [];

  constructor(db: Db) {
    this.#db = db;
    this.#insertChunks = db.transaction((rows: readonly EventRow[]) => {
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        this.#insertChunk(rows.slice(start, start + INSERT_CHUNK));
      }
    });
    this.#maxSequence = db.prepare<[string], { n: number }>(
      "SELECT coalesce(max(sequence), 0) AS n FROM events WHERE session_id = ?",
    );
    this.#sequenceOf = db.prepare<[string, string], { sequence: number }>(
      "SELECT sequence FROM events WHERE session_id = ? AND id = ?",
    );
    this.#sequenceAtOrBefore = db.prepare<[string, string], { n: number }>(
      "SELECT coalesce(max(sequence), 0) AS n FROM events WHERE session_id = ? AND id <= ?",
    );
    this.#countNonDelta = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM events WHERE session_id = ? AND type NOT LIKE '%.delta'",
    );
  }

  /**
   * Stores events atomically. A batch that fits one INSERT statement needs no explicit
   * transaction (a statement is atomic on its own), which saves the `BEGIN` and `COMMIT` round
   * trips into the driver on the commonest batch: the few events of one event-loop tick.
   */
  insertMany(rows: readonly EventRow[]): void {
    if (rows.length === 0) return;
    if (rows.length <= INSERT_CHUNK) this.#insertChunk(rows);
    else this.#insertChunks(rows);
  }

  #insertChunk(rows: readonly EventRow[]): void {
    const values: unknown[] = [];
    for (const row of rows) {
      values.push(
        row.id,
        row.session_id,
        row.sequence,
        row.type,
        row.ts,
        row.turn_id,
        row.exec_id,
        row.trace_id,
        row.tool_name,
        row.tags,
        row.doc,
      );
    }
    this.#insertStatement(rows.length).run(...values);
  }

  /** The highest sequence of a session (0 when it has no events). */
  maxSequence(sessionId: string): number {
    return this.#maxSequence.get(sessionId)?.n ?? 0;
  }

  /** The sequence of one event of the session, if it exists there. */
  sequenceOf(sessionId: string, eventId: string): number | undefined {
    return this.#sequenceOf.get(sessionId, eventId)?.sequence;
  }

  /**
   * The sequence of the last event with an id at or before `eventId` (0 if none). Event IDs
   * increase, so this resumes correctly even from an id the session does not hold.
   */
  sequenceAtOrBefore(sessionId: string, eventId: string): number {
    return this.#sequenceAtOrBefore.get(sessionId, eventId)?.n ?? 0;
  }

  /** How many events of the session are not deltas (the `X-Total-Count` of the API). */
  countNonDelta(sessionId: string): number {
    return this.#countNonDelta.get(sessionId)?.n ?? 0;
  }

  /** Matching events, oldest first. */
  query(query: EventQuery): EventDoc[] {
    const where = ["session_id = ?"];
    const params: unknown[] = [query.sessionId];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (query.afterSequence !== undefined) add("sequence > ?", query.afterSequence);
    if (query.beforeSequence !== undefined) add("sequence < ?", query.beforeSequence);
    if (query.types?.length) add(`type IN (${marks(query.types)})`, ...query.types);
    if (query.exclude?.length) add(`type NOT IN (${marks(query.exclude)})`, ...query.exclude);
    if (query.fromTs !== undefined) add("ts >= ?", query.fromTs);
    if (query.toTs !== undefined) add("ts <= ?", query.toTs);
    if (query.turnId !== undefined) add("turn_id = ?", query.turnId);
    if (query.execId !== undefined) add("exec_id = ?", query.execId);
    if (query.traceId !== undefined) add("trace_id = ?", query.traceId);
    if (query.toolName !== undefined) add("tool_name = ?", query.toolName);
    if (query.tags?.length)
      add(
        `EXISTS (SELECT 1 FROM json_each(events.tags) WHERE value IN (${marks(query.tags)}))`,
        ...query.tags,
      );
    if (query.q) add("instr(lower(doc), ?) > 0", query.q.toLowerCase());
    const descending = query.limit !== undefined && query.lastN === true;
    let sql = `SELECT id, sequence, type, doc FROM events WHERE ${where.join(" AND ")} ORDER BY sequence ${descending ? "DESC" : "ASC"}`;
    if (query.limit !== undefined) {
      sql += " LIMIT ?";
      params.push(query.limit);
    }
    const rows = this.#statement(sql).all(...params);
    return descending ? rows.reverse() : rows;
  }

  #insertStatement(rows: number): Statement {
    let statement = this.#inserts[rows];
    if (!statement) {
      const tuple = `(${marks(Array.from({ length: COLUMNS }))})`;
      statement = this.#db.prepare(
        `INSERT INTO events (id, session_id, sequence, type, ts, turn_id, exec_id, trace_id, tool_name, tags, doc)
         VALUES ${Array.from({ length: rows }, () => tuple).join(", ")}`,
      );
      this.#inserts[rows] = statement;
    }
    return statement;
  }

  #statement(sql: string): Statement<unknown[], EventDoc> {
    let statement = this.#queries.get(sql);
    if (!statement) {
      statement = this.#db.prepare<unknown[], EventDoc>(sql);
      // The number of distinct filter combinations is small, but bound the cache anyway.
      if (this.#queries.size > 200) this.#queries.clear();
      this.#queries.set(sql, statement);
    }
    return statement;
  }
}

function marks(values: readonly unknown[]): string {
  return values.map(() => "?").join(", ");
}
