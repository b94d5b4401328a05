import type { Everruns } from "../client.js";
import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  CreateMemoryRequest,
  Memory,
  MemoryListQuery,
  UpdateMemoryRequest,
} from "../types.js";
import { ApiResource } from "./api-resource.js";
import { FileSystem } from "./file-system.js";

/**
 * Memories: long-lived file trees (`mem_` ids) that agents read across sessions, written
 * through the API (`manual`) or synced from a git/GitHub repository. Their files:
 * {@link Memories.files}, the same verbs as a workspace's.
 */
export class Memories extends ApiResource {
  /** The filesystem verbs over a memory's tree (the memory id comes first). */
  readonly files: FileSystem;

  constructor(client: Everruns) {
    super(client);
    this.files = new FileSystem(client, "memories");
  }

  /** Creates a memory; without `source` it is `manual`. 409 when the name is taken. */
  create(body: CreateMemoryRequest, options?: RequestOptions): ApiPromise<Memory> {
    return this.request("post", "/v1/memories", { body }, options);
  }

  /** Lists memories, newest first (archived ones only with `include_archived`). */
  list(query: MemoryListQuery = {}, options?: RequestOptions): PagePromise<Memory> {
    return this.wholeList("/v1/memories", { params: { query } }, options);
  }

  /** Fetches one memory, with the state of its last sync. */
  get(memoryId: string, options?: RequestOptions): ApiPromise<Memory> {
    return this.request(
      "get",
      "/v1/memories/{memory_id}",
      { params: { path: { memory_id: memoryId } } },
      options,
    );
  }

  /** Renames a memory or replaces its source. */
  update(
    memoryId: string,
    body: UpdateMemoryRequest,
    options?: RequestOptions,
  ): ApiPromise<Memory> {
    return this.request(
      "patch",
      "/v1/memories/{memory_id}",
      { params: { path: { memory_id: memoryId } }, body },
      options,
    );
  }

  /** Archives a memory (`DELETE`). */
  archive(memoryId: string, options?: RequestOptions): ApiPromise<undefined> {
    return this.request(
      "delete",
      "/v1/memories/{memory_id}",
      { params: { path: { memory_id: memoryId } } },
      options,
    ) as ApiPromise<undefined>;
  }

  /**
   * Syncs a repository-backed memory now; the answer says how it went (`sync_status`,
   * `last_synced_at`, `last_sync_error`). A `manual` memory has nothing to sync (400).
   */
  sync(memoryId: string, options?: RequestOptions): ApiPromise<Memory> {
    return this.request(
      "post",
      "/v1/memories/{memory_id}/sync",
      { params: { path: { memory_id: memoryId } } },
      options,
    );
  }
}
