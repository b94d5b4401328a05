import type { DeclarativeCapability } from "@everruns/core";
import type { Db } from "./database.js";
import type { UrlFields } from "./records.js";

/** A declarative capability as stored: the API object without its URL fields. */
export type DeclarativeCapabilityRecord = Omit<DeclarativeCapability, UrlFields>;

/** Declarative capabilities table, keyed by id and by the unique capability id. */
export class DeclarativeCapabilitiesRepo {
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #remove;
  readonly #list;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { doc: string }>(
      "SELECT doc FROM declarative_capabilities WHERE capability_id = ?",
    );
    this.#insert = db.prepare(
      "INSERT INTO declarative_capabilities (id, capability_id, status, created_at, doc) VALUES (@id, @capability_id, @status, @created_at, @doc)",
    );
    this.#update = db.prepare(
      "UPDATE declarative_capabilities SET status = @status, doc = @doc WHERE id = @id",
    );
    this.#remove = db.prepare("DELETE FROM declarative_capabilities WHERE id = ?");
    this.#list = db.prepare<[], { doc: string }>(
      "SELECT doc FROM declarative_capabilities ORDER BY created_at, id",
    );
  }

  /** The declarative capability with this capability id. */
  get(capabilityId: string): DeclarativeCapabilityRecord | undefined {
    const row = this.#get.get(capabilityId);
    return row ? (JSON.parse(row.doc) as DeclarativeCapabilityRecord) : undefined;
  }

  /** Stores a new one. */
  insert(record: DeclarativeCapabilityRecord): void {
    this.#insert.run({
      id: record.id,
      capability_id: record.capability_id,
      status: record.status,
      created_at: record.created_at,
      doc: JSON.stringify(record),
    });
  }

  /** Replaces a stored one (its capability id does not change). */
  update(record: DeclarativeCapabilityRecord): void {
    this.#update.run({ id: record.id, status: record.status, doc: JSON.stringify(record) });
  }

  /** Removes one for good. */
  remove(id: string): void {
    this.#remove.run(id);
  }

  /** All of them, oldest first. */
  list(): DeclarativeCapabilityRecord[] {
    return this.#list.all().map((row) => JSON.parse(row.doc) as DeclarativeCapabilityRecord);
  }
}
