import type { Db } from "./database.js";
import type { SessionRecord } from "./records.js";

/** Filters of {@link SessionsRepo.list}. */
export interface SessionListFilter {
  agentId: string | undefined;
  search: string | undefined;
  offset: number;
  limit: number;
}

/** Sessions table. Deleting a session deletes its messages, events and turns. */
export class SessionsRepo {
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #list;
  readonly #count;
  readonly #countByAgent;
  readonly #countByHarness;
  readonly #delete;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { doc: string }>("SELECT doc FROM sessions WHERE id = ?");
    this.#insert = db.prepare(
      "INSERT INTO sessions (id, agent_id, status, created_at, doc) VALUES (@id, @agent_id, @status, @created_at, @doc)",
    );
    this.#update = db.prepare("UPDATE sessions SET status = @status, doc = @doc WHERE id = @id");
    const where = `WHERE (@agent_id IS NULL OR agent_id = @agent_id)
      AND (@search IS NULL OR instr(lower(coalesce(json_extract(iif(json_valid(doc), doc, '{}'), '$.title'), '')), @search) > 0
        OR instr(lower(coalesce(json_extract(iif(json_valid(doc), doc, '{}'), '$.preview'), '')), @search) > 0)`;
    this.#list = db.prepare<Record<string, unknown>, { doc: string }>(
      `SELECT doc FROM sessions ${where} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
    );
    this.#count = db.prepare<Record<string, unknown>, { n: number }>(
      `SELECT count(*) AS n FROM sessions ${where}`,
    );
    this.#countByAgent = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM sessions WHERE agent_id = ?",
    );
    this.#countByHarness = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM sessions WHERE json_extract(iif(json_valid(doc), doc, '{}'), '$.harness_id') = ?",
    );
    const deletes = [
      db.prepare("DELETE FROM events WHERE session_id = ?"),
      db.prepare("DELETE FROM messages WHERE session_id = ?"),
      db.prepare("DELETE FROM turns WHERE session_id = ?"),
      db.prepare("DELETE FROM session_secrets WHERE session_id = ?"),
      db.prepare("DELETE FROM session_kv WHERE session_id = ?"),
      db.prepare(
        "DELETE FROM task_messages WHERE task_id IN (SELECT id FROM tasks WHERE session_id = ?)",
      ),
      db.prepare("DELETE FROM tasks WHERE session_id = ?"),
      db.prepare("DELETE FROM sessions WHERE id = ?"),
    ];
    this.#delete = db.transaction((id: string) => {
      for (const statement of deletes) statement.run(id);
    });
  }

  /** The session with this id. */
  get(id: string): SessionRecord | undefined {
    const row = this.#get.get(id);
    return row ? (JSON.parse(row.doc) as SessionRecord) : undefined;
  }

  /** Stores a new session. */
  insert(session: SessionRecord): void {
    this.#insert.run({
      id: session.id,
      agent_id: session.agent_id ?? null,
      status: session.status,
      created_at: session.created_at,
      doc: JSON.stringify(session),
    });
  }

  /** Replaces a stored session. */
  update(session: SessionRecord): void {
    this.#update.run({ id: session.id, status: session.status, doc: JSON.stringify(session) });
  }

  /** Deletes a session with its messages, events and turns. */
  delete(id: string): void {
    this.#delete(id);
  }

  /** How many sessions run this agent. */
  countByAgent(agentId: string): number {
    return this.#countByAgent.get(agentId)?.n ?? 0;
  }

  /** How many sessions run on this harness. */
  countByHarness(harnessId: string): number {
    return this.#countByHarness.get(harnessId)?.n ?? 0;
  }

  /** One page of sessions, newest first, and the number of matches. */
  list(filter: SessionListFilter): { rows: SessionRecord[]; total: number } {
    const params = {
      agent_id: filter.agentId ?? null,
      search: filter.search ? filter.search.toLowerCase() : null,
    };
    const rows = this.#list
      .all({ ...params, limit: filter.limit, offset: filter.offset })
      .map((row) => JSON.parse(row.doc) as SessionRecord);
    return { rows, total: this.#count.get(params)?.n ?? 0 };
  }
}
