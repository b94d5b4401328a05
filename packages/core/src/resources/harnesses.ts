import { unwrap } from "../http/unwrap.js";
import { type Page, singlePage } from "../pagination/page.js";
import type { RequestOptions } from "../request-options.js";
import type { Harness, HarnessListQuery } from "../types.js";
import { assertPathParam } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Harnesses: the runtime setup a session runs on (`generic` is built in). */
export class Harnesses extends ApiResource {
  /** Lists harnesses, optionally filtered by `search`. */
  async list(query: HarnessListQuery = {}, options?: RequestOptions): Promise<Page<Harness>> {
    const body = unwrap(
      await this.raw.GET("/v1/harnesses", { params: { query }, ...this.init(options) }),
    );
    return singlePage(body.data);
  }

  /** Fetches one harness by ID. */
  async get(harnessId: string, options?: RequestOptions): Promise<Harness> {
    assertPathParam(harnessId, "harnessId");
    return unwrap(
      await this.raw.GET("/v1/harnesses/{harness_id}", {
        params: { path: { harness_id: harnessId } },
        ...this.init(options),
      }),
    );
  }
}
