import type { Workspace } from "@everruns/core";
import type { Db } from "./database.js";

/** Workspaces table: the workspace document; its files live in {@link FilesRepo}. */
export class WorkspacesRepo {
  readonly #get;
  readonly #put;
  readonly #list;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { doc: string }>("SELECT doc FROM workspaces WHERE id = ?");
    this.#put = db.prepare(
      `INSERT INTO workspaces (id, name, status, created_at, doc) VALUES (@id, @name, @status, @created_at, @doc)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, doc = excluded.doc`,
    );
    this.#list = db.prepare<Record<string, unknown>, { doc: string }>(
      `SELECT doc FROM workspaces WHERE (@all = 1 OR status = 'active')
         AND (@search IS NULL OR instr(lower(name), @search) > 0)
       ORDER BY created_at DESC, id DESC`,
    );
  }

  /** The workspace with this id. */
  get(id: string): Workspace | undefined {
    const row = this.#get.get(id);
    return row ? (JSON.parse(row.doc) as Workspace) : undefined;
  }

  /** Stores a new workspace or replaces a stored one. */
  put(workspace: Workspace): void {
    this.#put.run({
      id: workspace.id,
      name: workspace.name,
      status: workspace.status,
      created_at: workspace.created_at,
      doc: JSON.stringify(workspace),
    });
  }

  /** Workspaces, newest first; archived ones only with `includeArchived`. */
  list(search: string | undefined, includeArchived: boolean): Workspace[] {
    return this.#list
      .all({ all: includeArchived ? 1 : 0, search: search ? search.toLowerCase() : null })
      .map((row) => JSON.parse(row.doc) as Workspace);
  }
}
