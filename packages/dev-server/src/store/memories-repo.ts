import type { Memory } from "@everruns/core";
import type { Db } from "./database.js";

/** Memories table: the memory document; its files live in {@link FilesRepo}. */
export class MemoriesRepo {
  readonly #get;
  readonly #put;
  readonly #list;
  readonly #getByName;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { doc: string }>("SELECT doc FROM memories WHERE id = ?");
    this.#getByName = db.prepare<[string], { doc: string }>(
      "SELECT doc FROM memories WHERE name = ?",
    );
    this.#put = db.prepare(
      `INSERT INTO memories (id, name, status, created_at, doc) VALUES (@id, @name, @status, @created_at, @doc)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, doc = excluded.doc`,
    );
    this.#list = db.prepare<Record<string, unknown>, { doc: string }>(
      `SELECT doc FROM memories WHERE (@all = 1 OR status = 'active')
         AND (@search IS NULL OR instr(lower(name), @search) > 0)
       ORDER BY created_at DESC, id DESC`,
    );
  }

  /** The memory with this id. */
  get(id: string): Memory | undefined {
    const row = this.#get.get(id);
    return row ? (JSON.parse(row.doc) as Memory) : undefined;
  }

  /** The memory with this name (names are unique). */
  getByName(name: string): Memory | undefined {
    const row = this.#getByName.get(name);
    return row ? (JSON.parse(row.doc) as Memory) : undefined;
  }

  /** Stores a new memory or replaces a stored one. */
  put(memory: Memory): void {
    this.#put.run({
      id: memory.id,
      name: memory.name,
      status: memory.status,
      created_at: memory.created_at,
      doc: JSON.stringify(memory),
    });
  }

  /** Memories, newest first; archived ones only with `includeArchived`. */
  list(search: string | undefined, includeArchived: boolean): Memory[] {
    return this.#list
      .all({ all: includeArchived ? 1 : 0, search: search ? search.toLowerCase() : null })
      .map((row) => JSON.parse(row.doc) as Memory);
  }
}
