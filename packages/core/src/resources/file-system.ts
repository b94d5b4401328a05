import type { Everruns } from "../client.js";
import { ValidationError } from "../errors/client-errors.js";
import type { ApiPromise } from "../http/api-promise.js";
import { base64ToBytes, bytesToBase64 } from "../internal/base64.js";
import type { RequestOptions } from "../request-options.js";
import type {
  CreatePathRequest,
  FileInfo,
  FileList,
  FileWithContent,
  GrepResult,
  ReadPathResponse,
  UpdatePathRequest,
} from "../types.js";
import { ApiResource } from "./api-resource.js";

/** Which trees a {@link FileSystem} works on: a workspace's or a memory's. */
export type FileTreeOwner = "workspaces" | "memories";

/** File content as a caller gives it: text (sent as UTF-8) or bytes (sent as base64). */
export type FileContent = string | Uint8Array;

/** Options of {@link FileSystem.create}. */
export interface CreateFileOptions {
  /** Create the file read-only: it refuses updates and deletes until the flag is cleared. */
  readonly?: boolean;
}

/** Options of {@link FileSystem.write}. */
export interface WriteFileOptions {
  /** Also set (or clear) the read-only flag. */
  readonly?: boolean;
}

// The typed paths are those of workspaces; a memory's tree has the same operations and shapes
// under `/v1/memories/{memory_id}`, so its calls rewrite the prefix (see `#at`).
const ROOT = "/v1/workspaces/{workspace_id}/fs";
const PATH = "/v1/workspaces/{workspace_id}/fs/{path}";
type Ids = { workspace_id: string };

/**
 * The filesystem verbs of one kind of tree, written once for workspaces
 * (`client.workspaces.files`) and memories (`client.memories.files`). Every method takes the
 * owner's id first, then a path such as `docs/readme.md` or `/docs/readme.md` (the server
 * normalizes it and refuses `..` escapes, NUL and empty segments with a 400).
 *
 * ```ts
 * await client.workspaces.files.create(wsId, "notes/todo.md", "- write tests\n");
 * const file = await client.workspaces.files.read(wsId, "notes/todo.md");
 * const blob = await client.workspaces.files.download(wsId, "notes/todo.md");
 * ```
 */
export class FileSystem extends ApiResource {
  readonly #owner: FileTreeOwner;

  constructor(client: Everruns, owner: FileTreeOwner) {
    super(client);
    this.#owner = owner;
  }

  /**
   * Reads a path: a file with its `content` and `encoding`, or for a directory (and for `/`),
   * its listing `{ data }` (`recursive: true` for the whole subtree). See {@link FileSystem.text}
   * and {@link FileSystem.bytes} for the content alone.
   */
  read(
    ownerId: string,
    path: string,
    query: { recursive?: boolean } = {},
    options?: RequestOptions,
  ): ApiPromise<ReadPathResponse> {
    if (isRoot(path))
      return this.list(ownerId, "/", query, options) as ApiPromise<ReadPathResponse>;
    return this.request(
      "get",
      this.#at(PATH, path),
      { params: { path: { ...this.#ids(ownerId), path }, query } },
      options,
    );
  }

  /** Lists a directory (default: the root); `recursive: true` for the whole subtree. */
  list(
    ownerId: string,
    path = "/",
    query: { recursive?: boolean } = {},
    options?: RequestOptions,
  ): ApiPromise<FileList> {
    if (isRoot(path)) {
      return this.request(
        "get",
        this.#at(ROOT),
        { params: { path: this.#ids(ownerId), query } },
        options,
      );
    }
    return this.request(
      "get",
      this.#at(PATH, path),
      { params: { path: { ...this.#ids(ownerId), path }, query } },
      options,
    ) as ApiPromise<FileList>;
  }

  /**
   * Creates a file with this content (text is sent as UTF-8, bytes as base64); missing parent
   * directories are created. Rejects with a `ConflictError` (409) when the path exists.
   */
  create(
    ownerId: string,
    path: string,
    content: FileContent = "",
    createOptions: CreateFileOptions = {},
    options?: RequestOptions,
  ): ApiPromise<FileWithContent> {
    const body: CreatePathRequest = {
      ...(createOptions.readonly !== undefined ? { is_readonly: createOptions.readonly } : {}),
    };
    // Encoding runs in `check`, so bad content rejects the returned promise instead of throwing.
    const check = () => Object.assign(body, encodeContent(content));
    return this.request(
      "post",
      this.#at(PATH, path),
      { params: { path: { ...this.#ids(ownerId), path } }, body, check },
      options,
    );
  }

  /** Creates a directory (and its missing parents); 409 when the path exists. */
  mkdir(ownerId: string, path: string, options?: RequestOptions): ApiPromise<FileWithContent> {
    return this.request(
      "post",
      this.#at(PATH, path),
      { params: { path: { ...this.#ids(ownerId), path } }, body: { is_directory: true } },
      options,
    );
  }

  /**
   * Replaces an existing file's content (a `NotFoundError` when it does not exist: use
   * {@link FileSystem.create} for new files). A read-only file refuses (403) unless
   * `readonly: false` is given in the same call.
   */
  write(
    ownerId: string,
    path: string,
    content: FileContent,
    writeOptions: WriteFileOptions = {},
    options?: RequestOptions,
  ): ApiPromise<FileWithContent> {
    const body: UpdatePathRequest = {
      ...(writeOptions.readonly !== undefined ? { is_readonly: writeOptions.readonly } : {}),
    };
    const check = () => Object.assign(body, encodeContent(content));
    return this.request(
      "put",
      this.#at(PATH, path),
      { params: { path: { ...this.#ids(ownerId), path } }, body, check },
      options,
    );
  }

  /** Sets or clears a file's read-only flag without touching its content. */
  setReadonly(
    ownerId: string,
    path: string,
    readonly: boolean,
    options?: RequestOptions,
  ): ApiPromise<FileWithContent> {
    return this.request(
      "put",
      this.#at(PATH, path),
      { params: { path: { ...this.#ids(ownerId), path } }, body: { is_readonly: readonly } },
      options,
    );
  }

  /**
   * Deletes a file or directory. A non-empty directory needs `recursive: true` (409
   * otherwise); a read-only file refuses (403).
   */
  delete(
    ownerId: string,
    path: string,
    query: { recursive?: boolean } = {},
    options?: RequestOptions,
  ): ApiPromise<{ deleted: boolean }> {
    return this.request(
      "delete",
      this.#at(PATH, path),
      { params: { path: { ...this.#ids(ownerId), path }, query } },
      options,
    );
  }

  /** Moves (renames) a file or directory; 409 when the destination exists. */
  move(
    ownerId: string,
    srcPath: string,
    dstPath: string,
    options?: RequestOptions,
  ): ApiPromise<FileWithContent> {
    return this.request(
      "post",
      this.#at("/v1/workspaces/{workspace_id}/fs/_/move"),
      {
        params: { path: this.#ids(ownerId) },
        body: { src_path: srcPath, dst_path: dstPath },
        check: () => assertPaths(srcPath, dstPath),
      },
      options,
    );
  }

  /** Copies a file or directory; 409 when the destination exists. */
  copy(
    ownerId: string,
    srcPath: string,
    dstPath: string,
    options?: RequestOptions,
  ): ApiPromise<FileWithContent> {
    return this.request(
      "post",
      this.#at("/v1/workspaces/{workspace_id}/fs/_/copy"),
      {
        params: { path: this.#ids(ownerId) },
        body: { src_path: srcPath, dst_path: dstPath },
        check: () => assertPaths(srcPath, dstPath),
      },
      options,
    );
  }

  /** Describes a file or directory without its content (`/` describes the root). */
  stat(ownerId: string, path: string, options?: RequestOptions): ApiPromise<FileInfo> {
    return this.request(
      "post",
      this.#at("/v1/workspaces/{workspace_id}/fs/_/stat"),
      { params: { path: this.#ids(ownerId) }, body: { path }, check: () => assertPaths(path) },
      options,
    );
  }

  /**
   * Searches text files for a regular expression; answers per file the matching lines with
   * 1-based `line_number`. `pathPattern` is a glob (`**\/*.md`) a file must match.
   */
  grep(
    ownerId: string,
    pattern: string,
    grepOptions: { pathPattern?: string } = {},
    options?: RequestOptions,
  ): ApiPromise<{ data: GrepResult[] }> {
    return this.request(
      "post",
      this.#at("/v1/workspaces/{workspace_id}/fs/_/grep"),
      {
        params: { path: this.#ids(ownerId) },
        body: {
          pattern,
          ...(grepOptions.pathPattern !== undefined
            ? { path_pattern: grepOptions.pathPattern }
            : {}),
        },
        check: () => {
          if (pattern === "") throw new ValidationError("pattern must not be empty", "pattern");
        },
      },
      options,
    );
  }

  /** A file's raw bytes as a `Blob` (its `type` is the content type the server sent). */
  download(ownerId: string, path: string, options?: RequestOptions): ApiPromise<Blob> {
    return this.request(
      "get",
      this.#at("/v1/workspaces/{workspace_id}/fs/_/download/{path}", path),
      { params: { path: { ...this.#ids(ownerId), path } }, parseAs: "blob" },
      options,
    ) as ApiPromise<Blob>;
  }

  /** A file's raw bytes as a stream, for large files. */
  downloadStream(
    ownerId: string,
    path: string,
    options?: RequestOptions,
  ): ApiPromise<ReadableStream<Uint8Array>> {
    return this.request(
      "get",
      this.#at("/v1/workspaces/{workspace_id}/fs/_/download/{path}", path),
      { params: { path: { ...this.#ids(ownerId), path } }, parseAs: "stream" },
      options,
    ) as unknown as ApiPromise<ReadableStream<Uint8Array>>;
  }

  /** A text file shown as a small HTML page (415 for a binary file). */
  preview(ownerId: string, path: string, options?: RequestOptions): ApiPromise<string> {
    return this.request(
      "get",
      this.#at("/v1/workspaces/{workspace_id}/fs/_/preview/{path}", path),
      { params: { path: { ...this.#ids(ownerId), path } }, parseAs: "text" },
      options,
    );
  }

  /** A file's bytes (downloaded raw). */
  async bytes(ownerId: string, path: string, options?: RequestOptions): Promise<Uint8Array> {
    const blob = await this.download(ownerId, path, options);
    return new Uint8Array(await blob.arrayBuffer());
  }

  /** A file's content as text (decoded from base64 first when the server sent it so). */
  async text(ownerId: string, path: string, options?: RequestOptions): Promise<string> {
    const file = await this.read(ownerId, path, {}, options);
    if ("data" in file) throw new ValidationError(`${path} is a directory`, "path");
    if (file.encoding === "base64")
      return new TextDecoder().decode(base64ToBytes(file.content ?? ""));
    return file.content ?? "";
  }

  // The typed template with this tree's prefix and, for `{path}`, the path substituted segment
  // by segment: slashes stay slashes in the URL, everything else is percent-encoded.
  #at<T extends string>(template: T, path?: string): T {
    const prefixed =
      this.#owner === "memories"
        ? template.replace("/v1/workspaces/{workspace_id}", "/v1/memories/{memory_id}")
        : template;
    if (path === undefined) return prefixed as T;
    return prefixed.replace("{path}", encodePath(path)) as T;
  }

  #ids(ownerId: string): Ids {
    return (this.#owner === "memories" ? { memory_id: ownerId } : { workspace_id: ownerId }) as Ids;
  }
}

function isRoot(path: string): boolean {
  return /^\/*$/.test(path);
}

function encodePath(path: string): string {
  return path
    .replace(/^\/+/, "")
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

function assertPaths(...paths: string[]): void {
  for (const path of paths) {
    if (typeof path !== "string" || path === "") {
      throw new ValidationError("paths must be non-empty strings", "path");
    }
  }
}

function encodeContent(content: FileContent): { content: string; encoding: "text" | "base64" } {
  if (typeof content === "string") return { content, encoding: "text" };
  if (content instanceof Uint8Array) return { content: bytesToBase64(content), encoding: "base64" };
  throw new ValidationError("content must be a string or a Uint8Array", "content");
}
