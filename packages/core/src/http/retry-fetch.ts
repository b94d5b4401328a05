import { AbortError, ConnectionError, TimeoutError } from "../errors/client-errors.js";
import { sleep } from "../internal/sleep.js";
import type { Logger } from "../logging/logger.js";
import { describeRequest, describeResponse } from "../logging/request-line.js";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryableFailure,
  isRetryableStatus,
  type RetryPolicy,
  serverRetryDelayMs,
} from "./retry-policy.js";

/** A `fetch` that takes a prepared `Request`, as openapi-fetch calls it. */
export type RequestFetch = (request: Request) => Promise<Response>;

/** Settings of {@link createRetryFetch}. */
export interface RetryFetchOptions extends Partial<RetryPolicy> {
  /** The fetch that does the I/O. */
  fetch: typeof globalThis.fetch;
  /** Timeout of each attempt, headers and body included, in ms. `0` disables it. */
  timeoutMs: number;
  /** Called before each retry; for logging. Never receives credentials. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; request: Request }) => void;
  /** Source of randomness for jitter; tests make it deterministic. */
  random?: () => number;
  /**
   * Receives a `debug` line per attempt (method, path, status, time, attempt, request id) and
   * an `info` line per retry. Never receives credentials: header values are not logged, and
   * `redact` hides the key in the request id.
   */
  log?: Logger | undefined;
  /** Hides credentials in values taken from responses (the request id). */
  redact?: ((value: string) => string) | undefined;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Wraps `fetch` with the SDK's timeouts and retries ({@link RetryPolicy}).
 *
 * Each attempt sends a clone of the request, so bodies can be replayed. The response body is
 * read inside the attempt, under its timeout, so a server that stalls halfway through a body
 * cannot hang the caller; the returned `Response` is a buffered copy.
 *
 * Errors: {@link AbortError} when the request's own signal aborts (at once, even during a
 * backoff wait), {@link TimeoutError} when every attempt timed out, {@link ConnectionError}
 * for other network failures. HTTP error statuses are returned, not thrown.
 */
export function createRetryFetch(options: RetryFetchOptions): RequestFetch {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    initialDelayMs: options.initialDelayMs ?? DEFAULT_RETRY_POLICY.initialDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs,
  };
  const random = options.random ?? Math.random;

  return async function retryFetch(request: Request): Promise<Response> {
    const callerSignal = request.signal;
    for (let attempt = 0; ; attempt++) {
      if (callerSignal.aborted) throw new AbortError(undefined, { cause: callerSignal.reason });
      const started = Date.now();
      const outcome = await attemptOnce(request, options.fetch, options.timeoutMs);
      options.log?.debug(
        describeResponse(request, outcome, attempt + 1, Date.now() - started, options.redact),
      );
      let delayMs: number;
      let reason: string;
      if (outcome.kind === "response") {
        const { response, bodyText } = outcome;
        if (
          response.ok ||
          attempt >= policy.maxRetries ||
          !isRetryableStatus(request.method, response.status)
        ) {
          return response;
        }
        const asked = serverRetryDelayMs(response.headers, bodyText);
        if (asked !== undefined && asked > policy.maxRetryAfterMs) return response;
        delayMs = asked ?? backoffDelayMs(attempt, policy, random);
        reason = `HTTP ${response.status}`;
      } else {
        if (callerSignal.aborted) throw new AbortError(undefined, { cause: callerSignal.reason });
        const error = outcome.timedOut
          ? new TimeoutError(options.timeoutMs, { cause: outcome.error })
          : new ConnectionError(connectionMessage(outcome.error), { cause: outcome.error });
        if (
          attempt >= policy.maxRetries ||
          !isRetryableFailure(request.method, outcome.error, outcome.timedOut)
        ) {
          throw error;
        }
        delayMs = backoffDelayMs(attempt, policy, random);
        reason = error.message;
      }
      options.onRetry?.({ attempt: attempt + 1, delayMs, reason, request });
      options.log?.info(
        `retrying ${describeRequest(request)} in ${delayMs} ms (${reason}), retry ${attempt + 1} of ${policy.maxRetries}`,
      );
      try {
        await sleep(delayMs, callerSignal);
      } catch (cause) {
        throw new AbortError(undefined, { cause });
      }
    }
  };
}

/** How one attempt ended: a response (body buffered) or a network failure. */
export type AttemptOutcome =
  | { kind: "response"; response: Response; bodyText: string | undefined }
  | { kind: "failure"; error: unknown; timedOut: boolean };

async function attemptOnce(
  request: Request,
  fetchImpl: typeof globalThis.fetch,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const timeout = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => timeout.abort(), timeoutMs) : undefined;
  try {
    const signal = AbortSignal.any([request.signal, timeout.signal]);
    const response = await fetchImpl(new Request(request.clone(), { signal }));
    const buffer = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
    const bodyText = response.ok || !buffer ? undefined : new TextDecoder().decode(buffer);
    const copy = new Response(buffer, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    return { kind: "response", response: copy, bodyText };
  } catch (error) {
    return { kind: "failure", error, timedOut: timeout.signal.aborted };
  } finally {
    clearTimeout(timer);
  }
}

function connectionMessage(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return `Could not connect to the Everruns API (${code})`;
    current = (current as { cause?: unknown }).cause;
  }
  return "Could not connect to the Everruns API";
}
