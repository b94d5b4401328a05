/**
 * When and how long to wait before retrying a request. The policy, in one place:
 *
 * - GET, HEAD, OPTIONS, PUT, PATCH and DELETE are retried on network errors, timeouts,
 *   408, 429 and 5xx (except 501 and 505, which will not change).
 * - POST is retried only on 429 and on network errors where the request cannot have reached
 *   the server (connection refused, DNS failure), so a message is never sent twice.
 * - The wait is exponential with jitter: 0.5 s, 1 s, 2 s, 4 s, ... capped at 30 s, each
 *   shortened by up to 25 % at random so that many clients do not retry in lockstep.
 * - A `Retry-After` header (or a problem body's `retry_after_seconds`) replaces that wait.
 *   When the server asks for more than {@link RetryPolicy.maxRetryAfterMs}, the request is
 *   not retried: the caller gets the 429 at once instead of a silent minute-long stall.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 3. */
  maxRetries: number;
  /** Wait before the first retry, before jitter. Default 500 ms. */
  initialDelayMs: number;
  /** Cap on the exponential wait. Default 30 s. */
  maxDelayMs: number;
  /** Longest `Retry-After` honoured; a longer one is not retried. Default 60 s. */
  maxRetryAfterMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"]);

/** Network error codes that mean no byte of the request reached a server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** Whether a response with this status is worth retrying for this method. */
export function isRetryableStatus(method: string, status: number): boolean {
  if (status === 429) return true;
  if (!IDEMPOTENT_METHODS.has(method.toUpperCase())) return false;
  return status === 408 || (status >= 500 && status !== 501 && status !== 505);
}

/** Whether a request that failed with this network error (or timeout) may be retried. */
export function isRetryableFailure(method: string, error: unknown, timedOut: boolean): boolean {
  if (IDEMPOTENT_METHODS.has(method.toUpperCase())) return true;
  return !timedOut && requestCannotHaveBeenSent(error);
}

/** True when the error chain carries a code such as `ECONNREFUSED`. */
export function requestCannotHaveBeenSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some(requestCannotHaveBeenSent)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The jittered exponential wait before retry number `retryIndex` (0 for the first retry). */
export function backoffDelayMs(
  retryIndex: number,
  policy: Pick<RetryPolicy, "initialDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retryIndex);
  return Math.round(exponential * (1 - 0.25 * random()));
}

/**
 * The wait the server asked for, in milliseconds: `retry-after-ms`, then `Retry-After`
 * (seconds or HTTP date), then `retry_after_seconds` in a JSON body. `undefined` if none.
 */
export function serverRetryDelayMs(
  headers: Headers,
  bodyText: string | undefined,
  now = Date.now(),
): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.has("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const header = headers.get("retry-after")?.trim();
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header)) return Number(header) * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (bodyText?.trimStart().startsWith("{")) {
    try {
      const seconds = (JSON.parse(bodyText) as { retry_after_seconds?: unknown })
        .retry_after_seconds;
      if (typeof seconds === "number" && seconds >= 0) return seconds * 1000;
    } catch {
      // Not JSON: no hint.
    }
  }
  return undefined;
}
