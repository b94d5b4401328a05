import type { Db } from "./database.js";
import type { AgentRecord } from "./records.js";

/** Filters of {@link AgentsRepo.list}. */
export interface AgentListFilter {
  search: string | undefined;
  includeArchived: boolean;
  offset: number;
  limit: number;
}

/** Agents table: the agent document plus its unique `name`. */
export class AgentsRepo {
  readonly #get;
  readonly #getByName;
  readonly #insert;
  readonly #update;
  readonly #list;
  readonly #count;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { doc: string }>("SELECT doc FROM agents WHERE id = ?");
    this.#getByName = db.prepare<[string], { doc: string }>(
      "SELECT doc FROM agents WHERE name = ?",
    );
    this.#insert = db.prepare(
      "INSERT INTO agents (id, name, status, created_at, doc) VALUES (@id, @name, @status, @created_at, @doc)",
    );
    this.#update = db.prepare(
      "UPDATE agents SET name = @name, status = @status, doc = @doc WHERE id = @id",
    );
    const where = `WHERE (@all = 1 OR status = 'active')
      AND (@search IS NULL OR instr(lower(name), @search) > 0
        OR instr(lower(coalesce(json_extract(iif(json_valid(doc), doc, '{}'), '$.display_name'), '')), @search) > 0
        OR instr(lower(coalesce(json_extract(iif(json_valid(doc), doc, '{}'), '$.description'), '')), @search) > 0)`;
    this.#list = db.prepare<Record<string, unknown>, { doc: string }>(
      `SELECT doc FROM agents ${where} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
    );
    this.#count = db.prepare<Record<string, unknown>, { n: number }>(
      `SELECT count(*) AS n FROM agents ${where}`,
    );
  }

  /** The agent with this id. */
  get(id: string): AgentRecord | undefined {
    return parse(this.#get.get(id));
  }

  /** The agent with this name. */
  getByName(name: string): AgentRecord | undefined {
    return parse(this.#getByName.get(name));
  }

  /** Stores a new agent. */
  insert(agent: AgentRecord): void {
    this.#insert.run({
      id: agent.id,
      name: agent.name,
      status: agent.status,
      created_at: agent.created_at,
      doc: JSON.stringify(agent),
    });
  }

  /** Replaces a stored agent. */
  update(agent: AgentRecord): void {
    this.#update.run({
      id: agent.id,
      name: agent.name,
      status: agent.status,
      doc: JSON.stringify(agent),
    });
  }

  /** One page of agents, newest first, and the number of matches. */
  list(filter: AgentListFilter): { rows: AgentRecord[]; total: number } {
    const params = {
      all: filter.includeArchived ? 1 : 0,
      search: filter.search ? filter.search.toLowerCase() : null,
    };
    const rows = this.#list
      .all({ ...params, limit: filter.limit, offset: filter.offset })
      .map((row) => JSON.parse(row.doc) as AgentRecord);
    return { rows, total: this.#count.get(params)?.n ?? 0 };
  }
}

function parse(row: { doc: string } | undefined): AgentRecord | undefined {
  return row ? (JSON.parse(row.doc) as AgentRecord) : undefined;
}
