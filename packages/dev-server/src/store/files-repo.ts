import type { Db } from "./database.js";

/** One stored entry of a file tree: a directory, or a file with its bytes. */
export interface FileRow {
  owner_id: string;
  path: string;
  id: string;
  is_directory: boolean;
  is_readonly: boolean;
  content: Uint8Array | null;
  size_bytes: number;
  content_hash: string | null;
  created_at: string;
  updated_at: string;
}

type RawRow = Omit<FileRow, "is_directory" | "is_readonly" | "content"> & {
  is_directory: number;
  is_readonly: number;
  content: Buffer | null;
};

/**
 * File trees, keyed by owner (a workspace or a memory id) and normalized path. Content is one
 * BLOB per file, never a JSON-escaped copy. Directories are rows too, so empty ones persist.
 */
export class FilesRepo {
  readonly #get;
  readonly #upsert;
  readonly #delete;
  readonly #deleteUnder;
  readonly #under;
  readonly #children;
  readonly #count;
  readonly #deleteOwner;

  constructor(db: Db) {
    this.#get = db.prepare<[string, string], RawRow>(
      "SELECT * FROM files WHERE owner_id = ? AND path = ?",
    );
    this.#upsert = db.prepare(
      `INSERT INTO files (owner_id, path, id, is_directory, is_readonly, content, size_bytes, content_hash, created_at, updated_at)
       VALUES (@owner_id, @path, @id, @is_directory, @is_readonly, @content, @size_bytes, @content_hash, @created_at, @updated_at)
       ON CONFLICT (owner_id, path) DO UPDATE SET is_readonly = excluded.is_readonly, content = excluded.content,
         size_bytes = excluded.size_bytes, content_hash = excluded.content_hash, updated_at = excluded.updated_at`,
    );
    this.#delete = db.prepare("DELETE FROM files WHERE owner_id = ? AND path = ?");
    // `substr` rather than LIKE: a path may hold `%` or `_`, which LIKE would treat as wildcards.
    this.#deleteUnder = db.prepare(
      "DELETE FROM files WHERE owner_id = @owner AND substr(path, 1, length(@prefix)) = @prefix",
    );
    this.#under = db.prepare<Record<string, unknown>, RawRow>(
      "SELECT * FROM files WHERE owner_id = @owner AND substr(path, 1, length(@prefix)) = @prefix ORDER BY path",
    );
    this.#children = db.prepare<Record<string, unknown>, RawRow>(
      `SELECT * FROM files WHERE owner_id = @owner AND substr(path, 1, length(@prefix)) = @prefix
         AND instr(substr(path, length(@prefix) + 1), '/') = 0 ORDER BY path`,
    );
    this.#count = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM files WHERE owner_id = ?",
    );
    this.#deleteOwner = db.prepare("DELETE FROM files WHERE owner_id = ?");
  }

  /** The entry at `path`. */
  get(owner: string, path: string): FileRow | undefined {
    const row = this.#get.get(owner, path);
    return row ? toRow(row) : undefined;
  }

  /** Stores an entry, replacing the content and flags of an existing one. */
  put(row: FileRow): void {
    this.#upsert.run({
      ...row,
      is_directory: row.is_directory ? 1 : 0,
      is_readonly: row.is_readonly ? 1 : 0,
      content: row.content
        ? Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength)
        : null,
    });
  }

  /** Deletes one entry. */
  delete(owner: string, path: string): void {
    this.#delete.run(owner, path);
  }

  /** Deletes every entry strictly under the directory `dir`. */
  deleteUnder(owner: string, dir: string): void {
    this.#deleteUnder.run({ owner, prefix: prefixOf(dir) });
  }

  /** The entries under `dir`: its children, or with `recursive` its whole subtree, by path. */
  list(owner: string, dir: string, recursive: boolean): FileRow[] {
    const statement = recursive ? this.#under : this.#children;
    return statement.all({ owner, prefix: prefixOf(dir) }).map(toRow);
  }

  /** How many entries the tree holds. */
  count(owner: string): number {
    return this.#count.get(owner)?.n ?? 0;
  }

  /** Deletes a whole tree. */
  deleteOwner(owner: string): void {
    this.#deleteOwner.run(owner);
  }
}

function prefixOf(dir: string): string {
  return dir === "/" ? "/" : `${dir}/`;
}

function toRow(raw: RawRow): FileRow {
  return {
    ...raw,
    is_directory: raw.is_directory === 1,
    is_readonly: raw.is_readonly === 1,
    content: raw.content ? new Uint8Array(raw.content) : null,
  };
}
