import type { ClientPathsWithMethod, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { Everruns, RawClient } from "../client.js";
import type { paths } from "../generated/openapi.js";
import { ApiPromise } from "../http/api-promise.js";
import {
  type CallInit,
  type CallTarget,
  type HttpMethod,
  mapCall,
  sendCall,
} from "../http/send-call.js";
import { offsetPage, type Page, singlePage } from "../pagination/page.js";
import { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";

/** The paths of the API that have an operation for `method`. */
export type PathWith<M extends HttpMethod> = ClientPathsWithMethod<RawClient, M>;

/** The openapi-fetch init of one operation: its `params`, `body`, `parseAs`. */
export type OperationInit<P extends keyof paths, M extends HttpMethod> = MaybeOptionalInit<
  paths[P],
  M
>;

/** What an operation's success response parses into (for `parseAs: "text"`, a string). */
export type OperationData<P extends keyof paths, M extends HttpMethod, I> = Exclude<
  FetchResponse<paths[P][M] & Record<string | number, unknown>, I, `${string}/${string}`>["data"],
  undefined
>;

/** The item type of a list body `{ data: Item[] }`. */
export type ListItem<Body> = Body extends { data: (infer Item)[] } ? Item : never;

/** The body of an offset-paginated list. */
type OffsetBody<Item> = { data: Item[]; total: number; offset: number; limit: number };

/** An input check that runs before the call is sent; its `ValidationError` rejects the call. */
export interface CheckedInit {
  check?: () => void;
}

/**
 * Base of the resource helpers. Each helper method is one call of {@link ApiResource.request}
 * (or of a list variant) over the generated `paths` type, so the path, its parameters, the body
 * and the result are all checked by the compiler; what the user gains (positional ids,
 * unwrapping, typed errors, pagination, `withResponse()`) is written once, here.
 */
export abstract class ApiResource {
  /** The client this resource belongs to (its options, retries and auth). */
  protected readonly client: Everruns;
  readonly #target: CallTarget;

  constructor(client: Everruns) {
    this.client = client;
    this.#target = {
      // The typed signatures live on the helper methods below; here the path is a plain string.
      request: (method, path, init) =>
        (client.raw.request as unknown as CallTarget["request"])(method, path, init),
      initFor: (options) => client.initFor(options),
      redact: (value) => client.redactSecrets(value),
    };
  }

  /** The client's openapi-fetch client, for calls the helpers do not cover. */
  protected get raw(): RawClient {
    return this.client.raw;
  }

  /** One typed call: resolves with the success body, rejects with the typed error. */
  protected request<M extends HttpMethod, P extends PathWith<M>, I extends OperationInit<P, M>>(
    method: M,
    path: P,
    init: I & CheckedInit,
    options?: RequestOptions,
  ): ApiPromise<OperationData<P, M, I>> {
    return new ApiPromise(sendCall(this.#target, method, path, init as CallInit, options));
  }

  /**
   * A `GET` of a list, as pages: `toPage` builds each {@link Page} from the body and the
   * response, and is given the call for any later page (with extra query parameters).
   * `await` gives the first page; `for await` walks every item of every page.
   */
  protected pagedList<P extends PathWith<"get">, I extends OperationInit<P, "get">, Item>(
    path: P,
    init: I & CheckedInit,
    options: RequestOptions | undefined,
    toPage: (
      body: OperationData<P, "get", I>,
      response: Response,
      pageWith: (query: Record<string, unknown>) => PagePromise<Item>,
    ) => Page<Item>,
  ): PagePromise<Item> {
    const base = init as CallInit;
    const pageWith = (extra: Record<string, unknown>): PagePromise<Item> => {
      const query = { ...base.params?.query, ...extra };
      const pageInit: CallInit = { ...base, params: { ...base.params, query } };
      const call = sendCall<OperationData<P, "get", I>>(
        this.#target,
        "get",
        path,
        pageInit,
        options,
      );
      return new PagePromise(mapCall(call, (body, response) => toPage(body, response, pageWith)));
    };
    return pageWith({});
  }

  /**
   * A `GET` of an offset-paginated list (`{ data, total, offset, limit }`): later pages are
   * fetched by `offset`.
   */
  protected offsetList<P extends PathWith<"get">, I extends OperationInit<P, "get">>(
    path: P,
    init: I & CheckedInit,
    options?: RequestOptions,
  ): PagePromise<ListItem<OperationData<P, "get", I>>> {
    type Item = ListItem<OperationData<P, "get", I>>;
    return this.pagedList(path, init, options, (body, _response, pageWith) =>
      offsetPage(body as unknown as OffsetBody<Item>, (offset) => pageWith({ offset })),
    );
  }

  /** A `GET` of a list the API returns whole (`{ data }`), as a single page. */
  protected wholeList<P extends PathWith<"get">, I extends OperationInit<P, "get">>(
    path: P,
    init: I & CheckedInit,
    options?: RequestOptions,
  ): PagePromise<ListItem<OperationData<P, "get", I>>> {
    type Item = ListItem<OperationData<P, "get", I>>;
    return this.pagedList(path, init, options, (body) =>
      singlePage((body as unknown as { data: Item[] }).data),
    );
  }
}
