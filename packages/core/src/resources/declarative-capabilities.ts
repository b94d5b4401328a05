import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  CreateDeclarativeCapabilityRequest,
  DeclarativeCapability,
  DeclarativeCapabilityListQuery,
  ResourceConfig,
  UpdateDeclarativeCapabilityRequest,
} from "../types.js";
import { ApiResource } from "./api-resource.js";

/**
 * Declarative capabilities (`client.capabilities.declarative`): capabilities written as a
 * document, attached to agents and harnesses by their capability id like built-in ones.
 */
export class DeclarativeCapabilities extends ApiResource {
  /** Lists them (archived ones only with `include_archived`); the API returns them whole. */
  list(
    query: DeclarativeCapabilityListQuery = {},
    options?: RequestOptions,
  ): PagePromise<DeclarativeCapability> {
    return this.wholeList("/v1/capabilities/declarative", { params: { query } }, options);
  }

  /** Fetches one by its capability id. */
  get(capabilityId: string, options?: RequestOptions): ApiPromise<DeclarativeCapability> {
    return this.request(
      "get",
      "/v1/capabilities/declarative/{capability_id}",
      { params: { path: { capability_id: capabilityId } } },
      options,
    );
  }

  /** Creates one from its definition document. */
  create(
    body: CreateDeclarativeCapabilityRequest,
    options?: RequestOptions,
  ): ApiPromise<DeclarativeCapability> {
    return this.request("post", "/v1/capabilities", { body }, options);
  }

  /** Replaces its definition and/or changes its status. */
  update(
    capabilityId: string,
    body: UpdateDeclarativeCapabilityRequest,
    options?: RequestOptions,
  ): ApiPromise<DeclarativeCapability> {
    return this.request(
      "patch",
      "/v1/capabilities/declarative/{capability_id}",
      { params: { path: { capability_id: capabilityId } }, body },
      options,
    );
  }

  /** Archives one: no longer listed by default nor applied. */
  delete(capabilityId: string, options?: RequestOptions): ApiPromise<void> {
    return this.request(
      "delete",
      "/v1/capabilities/declarative/{capability_id}",
      { params: { path: { capability_id: capabilityId } } },
      options,
    );
  }

  /** Removes one for good. */
  destroy(capabilityId: string, options?: RequestOptions): ApiPromise<void> {
    return this.request(
      "post",
      "/v1/capabilities/declarative/{capability_id}/delete",
      { params: { path: { capability_id: capabilityId } } },
      options,
    );
  }

  /** What the caller may do with declarative capabilities (policies by action). */
  config(options?: RequestOptions): ApiPromise<ResourceConfig> {
    return this.request("get", "/v1/capabilities/declarative/config", {}, options);
  }
}
