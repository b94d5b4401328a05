import { unwrap } from "../http/unwrap.js";
import { type Page, singlePage } from "../pagination/page.js";
import type { RequestOptions } from "../request-options.js";
import type { Model, ModelListQuery } from "../types.js";
import { assertPathParam } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Models the organization can run agents on. */
export class Models extends ApiResource {
  /** Lists models. */
  async list(query: ModelListQuery = {}, options?: RequestOptions): Promise<Page<Model>> {
    const body = unwrap(
      await this.raw.GET("/v1/models", { params: { query }, ...this.init(options) }),
    );
    return singlePage(body.data);
  }

  /** Fetches one model by ID. */
  async get(modelId: string, options?: RequestOptions): Promise<Model> {
    assertPathParam(modelId, "modelId");
    return unwrap(
      await this.raw.GET("/v1/models/{id}", {
        params: { path: { id: modelId } },
        ...this.init(options),
      }),
    );
  }
}
