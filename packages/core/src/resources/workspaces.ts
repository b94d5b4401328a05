import type { Everruns } from "../client.js";
import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  CreateWorkspaceRequest,
  UpdateWorkspaceRequest,
  Workspace,
  WorkspaceListQuery,
} from "../types.js";
import { ApiResource } from "./api-resource.js";
import { FileSystem } from "./file-system.js";

/**
 * Workspaces: named file trees (`wsp_` ids). Every session has one (`session.workspace_id`),
 * holding its `initial_files` and what the agent writes. Their files: {@link Workspaces.files}.
 */
export class Workspaces extends ApiResource {
  /** The filesystem verbs over a workspace's tree (the workspace id comes first). */
  readonly files: FileSystem;

  constructor(client: Everruns) {
    super(client);
    this.files = new FileSystem(client, "workspaces");
  }

  /** Creates a workspace. */
  create(body: CreateWorkspaceRequest, options?: RequestOptions): ApiPromise<Workspace> {
    return this.request("post", "/v1/workspaces", { body }, options);
  }

  /** Lists workspaces, newest first (archived ones only with `include_archived`). */
  list(query: WorkspaceListQuery = {}, options?: RequestOptions): PagePromise<Workspace> {
    return this.wholeList("/v1/workspaces", { params: { query } }, options);
  }

  /** Fetches one workspace. */
  get(workspaceId: string, options?: RequestOptions): ApiPromise<Workspace> {
    return this.request(
      "get",
      "/v1/workspaces/{workspace_id}",
      { params: { path: { workspace_id: workspaceId } } },
      options,
    );
  }

  /** Renames a workspace or changes its status. */
  update(
    workspaceId: string,
    body: UpdateWorkspaceRequest,
    options?: RequestOptions,
  ): ApiPromise<Workspace> {
    return this.request(
      "patch",
      "/v1/workspaces/{workspace_id}",
      { params: { path: { workspace_id: workspaceId } }, body },
      options,
    );
  }

  /** Archives a workspace (`DELETE`): it stays readable by id and leaves default lists. */
  archive(workspaceId: string, options?: RequestOptions): ApiPromise<undefined> {
    return this.request(
      "delete",
      "/v1/workspaces/{workspace_id}",
      { params: { path: { workspace_id: workspaceId } } },
      options,
    ) as ApiPromise<undefined>;
  }
}
