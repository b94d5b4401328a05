import { unwrap } from "../http/unwrap.js";
import { offsetPage, type Page } from "../pagination/page.js";
import type { RequestOptions } from "../request-options.js";
import type { Capability, CapabilityListQuery } from "../types.js";
import { assertPathParam } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Capabilities: bundles of tools and instructions an agent or session can enable (e.g. `current_time`). */
export class Capabilities extends ApiResource {
  /** Lists capabilities; the page iterates every one. */
  async list(query: CapabilityListQuery = {}, options?: RequestOptions): Promise<Page<Capability>> {
    const body = unwrap(
      await this.raw.GET("/v1/capabilities", { params: { query }, ...this.init(options) }),
    );
    return offsetPage(body, (offset) => this.list({ ...query, offset }, options));
  }

  /** Fetches one capability by ID. */
  async get(capabilityId: string, options?: RequestOptions): Promise<Capability> {
    assertPathParam(capabilityId, "capabilityId");
    return unwrap(
      await this.raw.GET("/v1/capabilities/{capability_id}", {
        params: { path: { capability_id: capabilityId } },
        ...this.init(options),
      }),
    );
  }
}
