import { serverRetryDelayMs } from "../http/retry-policy.js";
import type { ProblemDetails } from "../types.js";
import { EverrunsError } from "./everruns-error.js";

/** What {@link ApiError.from} needs to know about a failed response. */
export interface ApiErrorInit {
  /** The response's HTTP status code. */
  status: number;
  /** The response's headers (`x-request-id`, `retry-after`, ...). */
  headers: Headers;
  /** The response body, already parsed into a problem document. */
  body: ProblemDetails;
}

/**
 * The server answered with an error status (4xx or 5xx). The body is an RFC 9457 problem
 * document; its fields are exposed here, and the whole parsed body is in {@link ApiError.body}.
 *
 * Pick the subclass with {@link ApiError.from}; catch by subclass (`NotFoundError`,
 * `RateLimitError`, ...) or switch on {@link ApiError.status} / {@link ApiError.code}.
 */
export class ApiError extends EverrunsError {
  /** HTTP status code. */
  readonly status: number;
  /** Stable snake_case error code from the problem body (e.g. `session_not_found`), if any. */
  readonly code: string | undefined;
  /** Short human summary from the problem body. */
  readonly title: string;
  /** Longer human explanation from the problem body, if any. */
  readonly detail: string | undefined;
  /** The parsed problem body. Never raw HTML: non-JSON bodies are summarised first. */
  readonly body: ProblemDetails;
  /** The `x-request-id` response header, to quote when asking for support. */
  readonly requestId: string | undefined;
  /** All response headers. */
  readonly headers: Headers;

  constructor(init: ApiErrorInit) {
    const { status, body, headers } = init;
    const detail = body.detail ?? undefined;
    super(`${status} ${body.title}${detail && detail !== body.title ? `: ${detail}` : ""}`);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code ?? undefined;
    this.title = body.title;
    this.detail = detail;
    this.body = body;
    this.headers = headers;
    this.requestId = headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
  }

  /** Builds the subclass of {@link ApiError} that matches the status code. */
  static from(init: ApiErrorInit): ApiError {
    const { status } = init;
    if (status === 400) return new BadRequestError(init);
    if (status === 401) return new AuthenticationError(init);
    if (status === 403) return new PermissionDeniedError(init);
    if (status === 404) return new NotFoundError(init);
    if (status === 409) return new ConflictError(init);
    if (status === 422) return new UnprocessableEntityError(init);
    if (status === 429) return new RateLimitError(init);
    if (status >= 500) return new InternalServerError(init);
    return new ApiError(init);
  }
}

/** 400: the request is malformed or fails validation on the server. */
export class BadRequestError extends ApiError {
  override readonly name = "BadRequestError";
}

/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends ApiError {
  override readonly name = "AuthenticationError";
}

/** 403: the key is valid but may not do this (wrong organization, missing role). */
export class PermissionDeniedError extends ApiError {
  override readonly name = "PermissionDeniedError";
}

/** 404: the resource does not exist, or is not visible to this key. */
export class NotFoundError extends ApiError {
  override readonly name = "NotFoundError";
}

/** 409: the request conflicts with the resource's state (e.g. tool results for a turn that is not waiting). */
export class ConflictError extends ApiError {
  override readonly name = "ConflictError";
}

/** 422: the body is well-formed but its content is refused. */
export class UnprocessableEntityError extends ApiError {
  override readonly name = "UnprocessableEntityError";
}

/** 429: too many requests. Retried automatically; thrown once retries are spent. */
export class RateLimitError extends ApiError {
  override readonly name = "RateLimitError";
  /**
   * Seconds the server asked us to wait, from the `Retry-After` header or the body's
   * `retry_after_seconds`; `undefined` when it said nothing.
   */
  readonly retryAfter: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    const headerMs = serverRetryDelayMs(init.headers, undefined);
    this.retryAfter =
      headerMs !== undefined ? headerMs / 1000 : (init.body.retry_after_seconds ?? undefined);
  }
}

/** 5xx: the server failed. Retried automatically for idempotent requests. */
export class InternalServerError extends ApiError {
  override readonly name = "InternalServerError";
}
