import {
  type ApiError,
  ConnectionError,
  type EventStreamQuery,
  type Everruns,
  errorFromResponse,
  RateLimitError,
} from "@everruns/core";

/** What one attempt to open the SSE endpoint gave. */
export type OpenResult =
  | { ok: true; body: ReadableStream<Uint8Array> }
  | { ok: false; error: unknown; fatal: boolean; retryAfterMs: number | undefined };

/** Longest `Retry-After` we honour; past it the normal backoff applies. */
const MAX_RETRY_AFTER_MS = 300_000;

/**
 * Sends one `GET /v1/sessions/{id}/sse` through `client.raw`, so the client's base URL, auth
 * and organization headers, client header and problem-body normalization all apply. It uses
 * `client.fetch` (no SDK retries or timeouts: a stream has no overall timeout and the stream
 * does its own reconnects). Never throws.
 *
 * Fatal (the stream must end with `error`): 4xx answers other than 408 and 429, since
 * retrying a wrong key, a missing session or a refused filter cannot succeed. Everything else
 * (network errors, 5xx, 408, 429, a 200 that is not an event stream) is worth a retry.
 */
export async function openConnection(
  client: Everruns,
  sessionId: string,
  query: EventStreamQuery,
  signal: AbortSignal,
): Promise<OpenResult> {
  const baseFetch = client.fetch;
  try {
    const { data, error, response } = await client.raw.GET("/v1/sessions/{session_id}/sse", {
      params: { path: { session_id: sessionId }, query },
      parseAs: "stream",
      signal,
      // Called unbound: a browser's fetch refuses any `this` but the window.
      fetch: (request: Request) => baseFetch(request),
      headers: { Accept: "text/event-stream", "Cache-Control": "no-cache" },
    });
    if (!response.ok) {
      const apiError = errorFromResponse(response, error);
      return {
        ok: false,
        error: apiError,
        fatal: isFatalStatus(response.status),
        retryAfterMs: retryAfterMs(apiError),
      };
    }
    const contentType = response.headers.get("content-type") ?? "";
    if (!data || !contentType.toLowerCase().includes("text/event-stream")) {
      await data?.cancel().catch(() => undefined);
      return {
        ok: false,
        error: new ConnectionError(
          `Expected an event stream, got HTTP ${response.status} ${contentType ? `with ${contentType}` : "without a body type"}`,
        ),
        fatal: false,
        retryAfterMs: undefined,
      };
    }
    return { ok: true, body: data };
  } catch (cause) {
    return { ok: false, error: connectionError(cause), fatal: false, retryAfterMs: undefined };
  }
}

/** True for statuses that retrying cannot fix: every 4xx except 408 and 429. */
export function isFatalStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function retryAfterMs(error: ApiError): number | undefined {
  if (!(error instanceof RateLimitError) || error.retryAfter === undefined) return undefined;
  return Math.min(error.retryAfter * 1000, MAX_RETRY_AFTER_MS);
}

function connectionError(cause: unknown): ConnectionError {
  if (cause instanceof ConnectionError) return cause;
  let code: string | undefined;
  let current: unknown = cause;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const value = (current as { code?: unknown }).code;
    if (typeof value === "string") {
      code = value;
      break;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return new ConnectionError(`Could not open the event stream${code ? ` (${code})` : ""}`, {
    cause,
  });
}
