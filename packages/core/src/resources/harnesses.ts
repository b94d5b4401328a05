import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type { Harness, HarnessListQuery } from "../types.js";
import { ApiResource } from "./api-resource.js";

/** Harnesses: the runtime setup a session runs on (`generic` is built in). */
export class Harnesses extends ApiResource {
  /** Lists harnesses, optionally filtered by `search` (one page: the API returns them whole). */
  list(query: HarnessListQuery = {}, options?: RequestOptions): PagePromise<Harness> {
    return this.wholeList("/v1/harnesses", { params: { query } }, options);
  }

  /** Fetches one harness by ID. */
  get(harnessId: string, options?: RequestOptions): ApiPromise<Harness> {
    return this.request(
      "get",
      "/v1/harnesses/{harness_id}",
      { params: { path: { harness_id: harnessId } } },
      options,
    );
  }
}
