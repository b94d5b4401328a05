import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  CheckNameResponse,
  CreateHarnessRequest,
  Harness,
  HarnessExample,
  HarnessListQuery,
  HarnessPreview,
  PreviewHarnessRequest,
  ResourceConfig,
  ResourceStats,
  UpdateHarnessRequest,
} from "../types.js";
import { assertSlug } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/**
 * Harnesses: the runtime setup a session runs on (`generic` is built in). A harness's system
 * prompt comes before the agent's, and its capabilities apply to every session on it.
 */
export class Harnesses extends ApiResource {
  /** Lists harnesses, optionally filtered by `search` (one page: the API returns them whole). */
  list(query: HarnessListQuery = {}, options?: RequestOptions): PagePromise<Harness> {
    return this.wholeList("/v1/harnesses", { params: { query } }, options);
  }

  /** Fetches one harness by id or name (`default`: the organization's default harness). */
  get(harnessId: string, options?: RequestOptions): ApiPromise<Harness> {
    return this.request(
      "get",
      "/v1/harnesses/{harness_id}",
      { params: { path: { harness_id: harnessId } } },
      options,
    );
  }

  /** Creates a harness; `name` is a slug unique in the organization. */
  create(body: CreateHarnessRequest, options?: RequestOptions): ApiPromise<Harness> {
    return this.request(
      "post",
      "/v1/harnesses",
      { body, check: () => assertSlug(body.name, "name") },
      options,
    );
  }

  /** Changes some fields of a harness; absent fields stay as they are. */
  update(
    harnessId: string,
    body: UpdateHarnessRequest,
    options?: RequestOptions,
  ): ApiPromise<Harness> {
    return this.request(
      "patch",
      "/v1/harnesses/{harness_id}",
      {
        params: { path: { harness_id: harnessId } },
        body,
        check: () => {
          if (body.name != null) assertSlug(body.name, "name");
        },
      },
      options,
    );
  }

  /** Deletes a harness: its sessions keep running on it, its name becomes free. */
  delete(harnessId: string, options?: RequestOptions): ApiPromise<void> {
    return this.request(
      "delete",
      "/v1/harnesses/{harness_id}",
      { params: { path: { harness_id: harnessId } } },
      options,
    );
  }

  /** Copies a harness (built-in ones too) into a new one you can edit. */
  copy(harnessId: string, options?: RequestOptions): ApiPromise<Harness> {
    return this.request(
      "post",
      "/v1/harnesses/{harness_id}/copy",
      { params: { path: { harness_id: harnessId } } },
      options,
    );
  }

  /** Creates a harness from a built-in example (see {@link Harnesses.examples}). */
  import(exampleName: string, options?: RequestOptions): ApiPromise<Harness> {
    return this.request(
      "post",
      "/v1/harnesses/import",
      { params: { query: { "from-example": exampleName } } },
      options,
    );
  }

  /** The built-in harness examples. */
  examples(options?: RequestOptions): ApiPromise<HarnessExample[]> {
    return this.request("get", "/v1/harness-examples", {}, options);
  }

  /** The system prompt and tools a session on a harness draft would get; nothing is saved. */
  preview(draft: PreviewHarnessRequest = {}, options?: RequestOptions): ApiPromise<HarnessPreview> {
    return this.request("post", "/v1/harnesses/preview", { body: draft }, options);
  }

  /** Whether no harness has `name` yet (`excludeId`: ignore that harness, e.g. when renaming it). */
  checkName(
    name: string,
    excludeId?: string,
    options?: RequestOptions,
  ): ApiPromise<CheckNameResponse> {
    return this.request(
      "get",
      "/v1/harnesses/check-name",
      {
        params: { query: excludeId === undefined ? { name } : { name, exclude_id: excludeId } },
        check: () => assertSlug(name, "name"),
      },
      options,
    );
  }

  /** What the caller may do with harnesses (policies by action). */
  config(options?: RequestOptions): ApiPromise<ResourceConfig> {
    return this.request("get", "/v1/harnesses/config", {}, options);
  }

  /** Usage of a harness: the sessions on it by status, turns run, tokens and costs. */
  stats(harnessId: string, options?: RequestOptions): ApiPromise<ResourceStats> {
    return this.request(
      "get",
      "/v1/harnesses/{harness_id}/stats",
      { params: { path: { harness_id: harnessId } } },
      options,
    );
  }
}
