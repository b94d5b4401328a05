import type { AttemptOutcome } from "../http/retry-fetch.js";

/** `GET /v1/agents?limit=5`: the method and path of a request, never its headers. */
export function describeRequest(request: Request): string {
  const url = new URL(request.url);
  return `${request.method} ${url.pathname}${url.search}`;
}

/**
 * One log line for an attempt: `GET /v1/agents 200 12 ms attempt 1 request req_123`, or the
 * network failure in place of the status. The request id goes through `redact`.
 */
export function describeResponse(
  request: Request,
  outcome: AttemptOutcome,
  attempt: number,
  elapsedMs: number,
  redact: ((value: string) => string) | undefined,
): string {
  const head = describeRequest(request);
  if (outcome.kind === "failure") {
    const what = outcome.timedOut ? "timed out" : "failed";
    return `${head} ${what} after ${elapsedMs} ms, attempt ${attempt}`;
  }
  const id =
    outcome.response.headers.get("x-request-id") ?? outcome.response.headers.get("request-id");
  const requestId = id ? ` request ${redact ? redact(id) : id}` : "";
  return `${head} ${outcome.response.status} ${elapsedMs} ms, attempt ${attempt}${requestId}`;
}
