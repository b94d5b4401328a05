import type { Everruns } from "../client.js";
import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type { Capability, CapabilityListQuery } from "../types.js";
import { ApiResource } from "./api-resource.js";
import { DeclarativeCapabilities } from "./declarative-capabilities.js";
import { Guardrails } from "./guardrails.js";

/** Capabilities: bundles of tools and instructions an agent or session can enable (e.g. `current_time`). */
export class Capabilities extends ApiResource {
  /** Guardrails: ready-made configurations and dry runs. */
  readonly guardrails: Guardrails;
  /** Declarative capabilities: list, get, create, update, delete, destroy, config. */
  readonly declarative: DeclarativeCapabilities;

  constructor(client: Everruns) {
    super(client);
    this.guardrails = new Guardrails(client);
    this.declarative = new DeclarativeCapabilities(client);
  }

  /** Lists capabilities. `await` gives the first page; `for await` walks every capability. */
  list(query: CapabilityListQuery = {}, options?: RequestOptions): PagePromise<Capability> {
    return this.offsetList("/v1/capabilities", { params: { query } }, options);
  }

  /** Fetches one capability by ID. */
  get(capabilityId: string, options?: RequestOptions): ApiPromise<Capability> {
    return this.request(
      "get",
      "/v1/capabilities/{capability_id}",
      { params: { path: { capability_id: capabilityId } } },
      options,
    );
  }
}
