/** Per-call options every resource method accepts as its last argument. */
export interface RequestOptions {
  /** Aborts the call, including any retry wait. The call rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the client's retry count for this call. */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}
