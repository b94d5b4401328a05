import { randomUUID } from "node:crypto";
import type {
  CreatePathRequest,
  FileInfo,
  FileWithContent,
  GrepResult,
  UpdatePathRequest,
} from "@everruns/core";
import { ApiProblem } from "../http/problem.js";
import { nowIso } from "../ids.js";
import type { FileRow } from "../store/files-repo.js";
import type { Store } from "../store/store.js";
import { contentHash, decodeContent, encodeContent, isText } from "./file-content.js";
import { isWithin, nameOf, normalizePath, parentOf } from "./fs-path.js";
import { globToRegExp } from "./glob.js";

/** Most entries one tree may hold; more is a 413 `tree_too_large`. */
export const MAX_TREE_ENTRIES = 10_000;
/** Most matching lines `grep` answers; the search stops there. */
export const MAX_GREP_MATCHES = 1_000;
/** Longest line `grep` tests (longer lines are cut first), so one line cannot stall the server. */
const MAX_GREP_LINE = 4_096;

/**
 * The filesystem verbs over one tree (a workspace's or a memory's): read, list, create, update,
 * delete, move, copy, stat, grep, download. Paths are untrusted and normalized here; every
 * refusal is an {@link ApiProblem} with a stable `code`. `readonlyTree` names why writes are
 * refused (a memory synced from a repository), if they are.
 */
export class FileTree {
  readonly #store: Store;
  readonly #owner: string;
  readonly #readonlyTree: string | undefined;

  constructor(store: Store, owner: string, readonlyTree?: string) {
    this.#store = store;
    this.#owner = owner;
    this.#readonlyTree = readonlyTree;
  }

  /** A directory's entries (`recursive`: its subtree); `/` is the root. */
  list(rawDir: string, recursive: boolean): FileInfo[] {
    const dir = normalizePath(rawDir, { allowRoot: true });
    if (dir !== "/") {
      const row = this.#require(dir);
      if (!row.is_directory) {
        throw new ApiProblem(400, "not_a_directory", `${dir} is a file, not a directory.`);
      }
    }
    return this.#files.list(this.#owner, dir, recursive).map(info);
  }

  /** A file with its content, or a directory's listing. */
  read(rawPath: string, recursive: boolean): FileWithContent | { data: FileInfo[] } {
    const path = normalizePath(rawPath, { allowRoot: true });
    if (path === "/") return { data: this.list("/", recursive) };
    const row = this.#require(path);
    if (row.is_directory) return { data: this.#files.list(this.#owner, path, recursive).map(info) };
    return withContent(row);
  }

  /** Creates a file or directory (and its missing parents); 409 `path_exists` when taken. */
  create(rawPath: string, body: CreatePathRequest): FileWithContent {
    this.#assertWritable();
    const path = normalizePath(rawPath);
    if (body.is_directory && body.content != null) {
      throw new ApiProblem(400, "directory_has_no_content", "A directory cannot have content.");
    }
    const bytes = body.is_directory ? null : decodeContent(body.content ?? "", body.encoding);
    return this.#store.transaction(() => {
      if (this.#files.get(this.#owner, path)) {
        throw new ApiProblem(409, "path_exists", `${path} already exists.`);
      }
      this.#ensureParents(path);
      const row = this.#newRow(path, bytes, body.is_readonly ?? false);
      this.#files.put(row);
      this.#assertTreeSize();
      return withContent(row);
    });
  }

  /**
   * Writes a file whether or not it exists (what session `initial_files` and the agent's
   * file tool do); answers the row and whether it was created.
   */
  write(rawPath: string, bytes: Uint8Array, readonly = false): { row: FileRow; created: boolean } {
    this.#assertWritable();
    const path = normalizePath(rawPath);
    return this.#store.transaction(() => {
      const existing = this.#files.get(this.#owner, path);
      if (existing?.is_directory) {
        throw new ApiProblem(409, "path_is_directory", `${path} is a directory.`);
      }
      if (existing?.is_readonly) {
        throw new ApiProblem(403, "file_readonly", `${path} is read-only.`);
      }
      this.#ensureParents(path);
      const row = existing
        ? { ...existing, ...contentFields(bytes), is_readonly: readonly, updated_at: nowIso() }
        : this.#newRow(path, bytes, readonly);
      this.#files.put(row);
      this.#assertTreeSize();
      return { row, created: !existing };
    });
  }

  /** Replaces a file's content and/or its read-only flag. */
  update(rawPath: string, body: UpdatePathRequest): FileWithContent {
    this.#assertWritable();
    const path = normalizePath(rawPath);
    const bytes = body.content != null ? decodeContent(body.content, body.encoding) : undefined;
    return this.#store.transaction(() => {
      const row = this.#require(path);
      if (row.is_directory) {
        throw new ApiProblem(
          400,
          "path_is_directory",
          `${path} is a directory; it has no content.`,
        );
      }
      const readonly = body.is_readonly ?? row.is_readonly;
      // A read-only file takes new content only in the request that clears the flag; a
      // writable one may take content and become read-only in one request.
      if (bytes && row.is_readonly && body.is_readonly !== false) {
        throw new ApiProblem(
          403,
          "file_readonly",
          `${path} is read-only; clear is_readonly first.`,
        );
      }
      const next: FileRow = {
        ...row,
        ...(bytes ? contentFields(bytes) : {}),
        is_readonly: readonly,
        updated_at: nowIso(),
      };
      this.#files.put(next);
      return withContent(next);
    });
  }

  /** Deletes a file, or a directory (a non-empty one only with `recursive`). */
  delete(rawPath: string, recursive: boolean): void {
    this.#assertWritable();
    const path = normalizePath(rawPath);
    this.#store.transaction(() => {
      const row = this.#require(path);
      const inside = row.is_directory ? this.#files.list(this.#owner, path, true) : [];
      if (inside.length > 0 && !recursive) {
        throw new ApiProblem(
          409,
          "directory_not_empty",
          `${path} is not empty; pass recursive=true to delete it with its content.`,
        );
      }
      const locked = [row, ...inside].find((entry) => entry.is_readonly);
      if (locked) throw new ApiProblem(403, "file_readonly", `${locked.path} is read-only.`);
      this.#files.deleteUnder(this.#owner, path);
      this.#files.delete(this.#owner, path);
    });
  }

  /** Moves a file or directory (with its subtree) to a free path. */
  move(rawSrc: string, rawDst: string): FileWithContent {
    return this.#relocate(rawSrc, rawDst, "move");
  }

  /** Copies a file or directory (with its subtree) to a free path. */
  copy(rawSrc: string, rawDst: string): FileWithContent {
    return this.#relocate(rawSrc, rawDst, "copy");
  }

  /** An entry without content; `/` describes the root directory. */
  stat(rawPath: string): FileInfo {
    const path = normalizePath(rawPath, { allowRoot: true });
    if (path === "/") {
      const now = nowIso();
      return {
        path: "/",
        name: "",
        is_directory: true,
        is_readonly: false,
        size_bytes: 0,
        created_at: now,
        updated_at: now,
      };
    }
    return info(this.#require(path));
  }

  /** The lines of text files matching `pattern`, per file, with 1-based line numbers. */
  grep(pattern: string, pathPattern: string | null | undefined): GrepResult[] {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch {
      throw new ApiProblem(400, "invalid_pattern", "pattern is not a valid regular expression.");
    }
    const pathFilter = pathPattern ? globToRegExp(pathPattern) : undefined;
    const results: GrepResult[] = [];
    let total = 0;
    for (const row of this.#files.list(this.#owner, "/", true)) {
      if (row.is_directory || !row.content || !isText(row.content)) continue;
      if (pathFilter && !pathFilter.test(row.path) && !pathFilter.test(row.path.slice(1))) continue;
      const lines = new TextDecoder().decode(row.content).split(/\r?\n/);
      const matches = [];
      for (const [index, line] of lines.entries()) {
        if (total >= MAX_GREP_MATCHES) break;
        if (regex.test(line.slice(0, MAX_GREP_LINE))) {
          matches.push({ path: row.path, line_number: index + 1, line });
          total += 1;
        }
      }
      if (matches.length > 0) results.push({ path: row.path, matches });
    }
    return results;
  }

  /** A file's bytes and name, for `download` and `preview`. */
  bytes(rawPath: string): { path: string; name: string; bytes: Uint8Array } {
    const path = normalizePath(rawPath);
    const row = this.#require(path);
    if (row.is_directory) {
      throw new ApiProblem(400, "path_is_directory", `${path} is a directory, not a file.`);
    }
    return {
      path,
      name: row.path.slice(row.path.lastIndexOf("/") + 1),
      bytes: row.content ?? new Uint8Array(),
    };
  }

  get #files() {
    return this.#store.files;
  }

  #relocate(rawSrc: string, rawDst: string, kind: "move" | "copy"): FileWithContent {
    this.#assertWritable();
    const src = normalizePath(rawSrc);
    const dst = normalizePath(rawDst);
    return this.#store.transaction(() => {
      const row = this.#require(src);
      if (isWithin(dst, src)) {
        throw new ApiProblem(
          400,
          "destination_inside_source",
          `Cannot ${kind} ${src} into itself.`,
        );
      }
      if (this.#files.get(this.#owner, dst)) {
        throw new ApiProblem(409, "path_exists", `${dst} already exists.`);
      }
      const subtree = row.is_directory ? this.#files.list(this.#owner, src, true) : [];
      if (kind === "move") {
        const locked = [row, ...subtree].find((entry) => entry.is_readonly);
        if (locked) throw new ApiProblem(403, "file_readonly", `${locked.path} is read-only.`);
      }
      this.#ensureParents(dst);
      const now = nowIso();
      for (const entry of [row, ...subtree]) {
        const target = dst + entry.path.slice(src.length);
        const moved: FileRow =
          kind === "move"
            ? { ...entry, path: target, updated_at: now }
            : { ...entry, path: target, id: randomUUID(), created_at: now, updated_at: now };
        this.#files.put(moved);
      }
      if (kind === "move") {
        this.#files.deleteUnder(this.#owner, src);
        this.#files.delete(this.#owner, src);
      }
      this.#assertTreeSize();
      return withContent(this.#require(dst));
    });
  }

  #require(path: string): FileRow {
    const row = this.#files.get(this.#owner, path);
    if (!row) throw new ApiProblem(404, "path_not_found", `${path} does not exist.`);
    return row;
  }

  #ensureParents(path: string): void {
    const missing: string[] = [];
    for (let dir = parentOf(path); dir !== "/"; dir = parentOf(dir)) {
      const row = this.#files.get(this.#owner, dir);
      if (row && !row.is_directory) {
        throw new ApiProblem(409, "parent_not_directory", `${dir} is a file, not a directory.`);
      }
      if (row) break;
      missing.push(dir);
    }
    for (const dir of missing.reverse()) this.#files.put(this.#newRow(dir, null, false));
  }

  #newRow(path: string, bytes: Uint8Array | null, readonly: boolean): FileRow {
    const now = nowIso();
    return {
      owner_id: this.#owner,
      path,
      id: randomUUID(),
      is_directory: bytes === null,
      is_readonly: readonly,
      ...(bytes ? contentFields(bytes) : { content: null, size_bytes: 0, content_hash: null }),
      created_at: now,
      updated_at: now,
    };
  }

  #assertWritable(): void {
    if (this.#readonlyTree) throw new ApiProblem(403, "tree_readonly", this.#readonlyTree);
  }

  #assertTreeSize(): void {
    if (this.#files.count(this.#owner) > MAX_TREE_ENTRIES) {
      // Thrown inside the transaction, so the write that crossed the limit is rolled back.
      throw new ApiProblem(
        413,
        "tree_too_large",
        `A tree holds at most ${MAX_TREE_ENTRIES} entries.`,
      );
    }
  }
}

function contentFields(bytes: Uint8Array) {
  return { content: bytes, size_bytes: bytes.byteLength, content_hash: contentHash(bytes) };
}

/** An entry as the API describes it, without content. */
export function info(row: FileRow): FileInfo {
  return {
    id: row.id,
    path: row.path,
    name: nameOf(row.path),
    is_directory: row.is_directory,
    is_readonly: row.is_readonly,
    size_bytes: row.size_bytes,
    content_hash: row.content_hash,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function withContent(row: FileRow): FileWithContent {
  if (row.is_directory) return { ...info(row), content: null };
  return { ...info(row), ...encodeContent(row.content ?? new Uint8Array()) };
}
