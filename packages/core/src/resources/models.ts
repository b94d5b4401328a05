import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type { Model, ModelListQuery } from "../types.js";
import { ApiResource } from "./api-resource.js";

/** Models the organization can run agents on. */
export class Models extends ApiResource {
  /** Lists models (one page: the API returns them whole). */
  list(query: ModelListQuery = {}, options?: RequestOptions): PagePromise<Model> {
    return this.wholeList("/v1/models", { params: { query } }, options);
  }

  /** Fetches one model by ID. */
  get(modelId: string, options?: RequestOptions): ApiPromise<Model> {
    return this.request("get", "/v1/models/{id}", { params: { path: { id: modelId } } }, options);
  }
}
