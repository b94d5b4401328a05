import { ApiError } from "../errors/api-error.js";
import type { ProblemDetails } from "../types.js";
import { toProblemDetails } from "./problem-body.js";

/**
 * Builds the typed {@link ApiError} for a failed response from its parsed body (as
 * openapi-fetch returns it in `error`). Bodies that are not problem documents are summarised.
 */
export function errorFromResponse(response: Response, body: unknown): ApiError {
  const problem = isProblemDetails(body)
    ? body
    : toProblemDetails(
        response.status,
        response.statusText,
        typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body),
      );
  return ApiError.from({ status: response.status, headers: response.headers, body: problem });
}

/** Returns `data` of an openapi-fetch result, or throws the typed error of a failed one. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw errorFromResponse(result.response, result.error);
  return result.data as T;
}

function isProblemDetails(value: unknown): value is ProblemDetails {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ProblemDetails).title === "string" &&
    typeof (value as ProblemDetails).status === "number"
  );
}
