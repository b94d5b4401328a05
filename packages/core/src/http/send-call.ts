import { ValidationError } from "../errors/client-errors.js";
import type { RequestOptions } from "../request-options.js";
import type { ApiCall, ApiResult } from "./api-promise.js";
import type { RequestFetch } from "./retry-fetch.js";
import { unwrap } from "./unwrap.js";

/** HTTP methods of the API's operations, as openapi-fetch names them. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";

/** An openapi-fetch init as resource helpers build it, plus an optional input check. */
export interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  parseAs?: "json" | "text" | "blob" | "arrayBuffer" | "stream";
  bodySerializer?: (body: never) => unknown;
  headers?: Record<string, string>;
  /** Runs before anything is sent; a `ValidationError` it throws rejects the call. */
  check?: () => void;
}

/** What {@link sendCall} needs from the client. */
export interface CallTarget {
  /** openapi-fetch's untyped request method (the typed signature lives in the resources). */
  request(
    method: HttpMethod,
    path: string,
    init: Record<string, unknown>,
  ): Promise<{
    data?: unknown;
    error?: unknown;
    response: Response;
  }>;
  /** The openapi-fetch init of one call: signal, headers, the fetch with its retries. */
  initFor(options?: RequestOptions): {
    signal?: AbortSignal;
    headers?: Record<string, string>;
    fetch: RequestFetch;
  };
  /** Hides the credentials in a value taken from a response (the request id). */
  redact(value: string): string;
}

/**
 * Sends one API call (what an {@link ApiPromise} wraps): path parameters are checked
 * (non-empty strings), per-call options are applied (`query`, `headers`, `fetchOptions`,
 * `signal`, `timeoutMs`, `maxRetries`), the result is unwrapped into data or a typed error.
 */
export function sendCall<T>(
  target: CallTarget,
  method: HttpMethod,
  path: string,
  init: CallInit,
  options?: RequestOptions,
): ApiCall<T> {
  let wantRaw = false;
  let raw: Response | undefined;
  const result = (async (): Promise<ApiResult<T>> => {
    const { check, ...rest } = init;
    for (const [name, value] of Object.entries(rest.params?.path ?? {})) {
      if (typeof value !== "string" || value.trim() === "") {
        throw new ValidationError(`${name} must be a non-empty string`, name);
      }
    }
    check?.();
    const callInit = target.initFor(options);
    const fetchWithCapture: RequestFetch = async (request) => {
      const response = await callInit.fetch(request);
      // Only a caller of asResponse() pays for the copy; it asks synchronously, before any answer.
      if (wantRaw && response.ok) raw = response.clone();
      return response;
    };
    const query = options?.query ? { ...rest.params?.query, ...options.query } : rest.params?.query;
    const outcome = await target.request(method, path, {
      ...options?.fetchOptions,
      ...rest,
      params: { ...rest.params, ...(query ? { query } : {}) },
      ...(callInit.signal ? { signal: callInit.signal } : {}),
      headers: { ...rest.headers, ...callInit.headers },
      fetch: fetchWithCapture,
    });
    const data = unwrap(outcome) as T;
    const requestId =
      outcome.response.headers.get("x-request-id") ??
      outcome.response.headers.get("request-id") ??
      undefined;
    return {
      data,
      response: outcome.response,
      requestId: requestId === undefined ? undefined : target.redact(requestId),
    };
  })();
  return {
    result,
    rawResponse: () => {
      wantRaw = true;
      return result.then((outcome) => raw ?? outcome.response);
    },
  };
}

/** The same call with its data transformed (a list body into a page, say). */
export function mapCall<T, U>(
  call: ApiCall<T>,
  map: (data: T, response: Response) => U,
): ApiCall<U> {
  return {
    result: call.result.then((outcome) => ({
      ...outcome,
      data: map(outcome.data, outcome.response),
    })),
    rawResponse: call.rawResponse,
  };
}
