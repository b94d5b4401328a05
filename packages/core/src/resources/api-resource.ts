import type { Everruns, RawClient } from "../client.js";
import type { RequestOptions } from "../request-options.js";

/** Base of the resource helpers: access to the raw client and per-call settings. */
export abstract class ApiResource {
  /** The client this resource belongs to (its options, retries and auth). */
  protected readonly client: Everruns;

  constructor(client: Everruns) {
    this.client = client;
  }

  /** The client's openapi-fetch client, for the typed calls of the resource's methods. */
  protected get raw(): RawClient {
    return this.client.raw;
  }

  /** The openapi-fetch init (signal, headers, fetch) for one call. */
  protected init(options?: RequestOptions) {
    return this.client.initFor(options);
  }
}
