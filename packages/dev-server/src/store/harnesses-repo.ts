import type { Harness } from "@everruns/core";
import type { Db } from "./database.js";
import type { UrlFields } from "./records.js";

/** A user-written harness as stored: the API object without URL fields and usage counts. */
export type HarnessRecord = Omit<Harness, UrlFields | "session_count" | "app_count">;

/** Harnesses table: the harnesses users write (the built-in `generic` one is not stored). */
export class HarnessesRepo {
  readonly #get;
  readonly #getByName;
  readonly #insert;
  readonly #update;
  readonly #list;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { doc: string }>("SELECT doc FROM harnesses WHERE id = ?");
    this.#getByName = db.prepare<[string], { doc: string }>(
      "SELECT doc FROM harnesses WHERE name = ?",
    );
    this.#insert = db.prepare(
      "INSERT INTO harnesses (id, name, status, created_at, doc) VALUES (@id, @name, @status, @created_at, @doc)",
    );
    this.#update = db.prepare(
      "UPDATE harnesses SET name = @name, status = @status, doc = @doc WHERE id = @id",
    );
    this.#list = db.prepare<[], { doc: string }>(
      "SELECT doc FROM harnesses WHERE status != 'deleted' ORDER BY created_at, id",
    );
  }

  /** The harness with this id (deleted ones too). */
  get(id: string): HarnessRecord | undefined {
    return parse(this.#get.get(id));
  }

  /** The harness with this name (never a deleted one: it gave its name up). */
  getByName(name: string): HarnessRecord | undefined {
    return parse(this.#getByName.get(name));
  }

  /** Stores a new harness. */
  insert(harness: HarnessRecord): void {
    this.#insert.run({
      id: harness.id,
      name: nameColumn(harness),
      status: harness.status,
      created_at: harness.created_at,
      doc: JSON.stringify(harness),
    });
  }

  /** Replaces a stored harness. */
  update(harness: HarnessRecord): void {
    this.#update.run({
      id: harness.id,
      name: nameColumn(harness),
      status: harness.status,
      doc: JSON.stringify(harness),
    });
  }

  /** Every harness not deleted, oldest first. */
  list(): HarnessRecord[] {
    return this.#list.all().map((row) => JSON.parse(row.doc) as HarnessRecord);
  }
}

function parse(row: { doc: string } | undefined): HarnessRecord | undefined {
  return row ? (JSON.parse(row.doc) as HarnessRecord) : undefined;
}

/** A deleted harness keeps its name in its document but frees it for a new harness. */
function nameColumn(harness: HarnessRecord): string | null {
  return harness.status === "deleted" ? null : harness.name;
}
