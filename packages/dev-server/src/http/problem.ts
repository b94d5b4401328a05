import type { ProblemDetails } from "@everruns/core";

/** Reasons for HTTP status codes, used as problem `title`s. */
const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/**
 * An error answered as an RFC 9457 problem document (`application/problem+json`) with a
 * stable snake_case `code`. Route handlers throw it; the app's error handler answers it.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    detail: string,
    options: { extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  /** The problem document. */
  toJSON(): ProblemDetails & Record<string, unknown> {
    return {
      type: "about:blank",
      title: TITLES[this.status] ?? "Error",
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...this.extra,
    };
  }

  /** The HTTP response. */
  toResponse(): Response {
    return new Response(JSON.stringify(this.toJSON()), {
      status: this.status,
      headers: { "content-type": "application/problem+json", ...this.headers },
    });
  }
}

/** A 404 for a resource that does not exist, with code `<kind>_not_found`. */
export function notFound(kind: string, id: string): ApiProblem {
  return new ApiProblem(
    404,
    `${kind}_not_found`,
    `No ${kind.replaceAll("_", " ")} with id or name "${id}".`,
  );
}
