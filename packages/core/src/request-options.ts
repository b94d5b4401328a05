/** Per-call options every resource method accepts as its last argument. */
export interface RequestOptions {
  /** Aborts the call, including any retry wait. The call rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's per-attempt timeout for this call, in ms (0: none). */
  timeoutMs?: number | undefined;
  /** Overrides the client's retry count for this call. */
  maxRetries?: number | undefined;
  /** Extra headers for this call; they never replace the credentials. */
  headers?: Record<string, string> | undefined;
  /**
   * Extra query parameters for this call, merged over the method's own: for a parameter the
   * server has and this SDK version does not type yet.
   */
  query?: Record<string, string | number | boolean | string[]> | undefined;
  /**
   * Passed through to `fetch` (`cache`, `credentials`, `keepalive`, `priority`, a Node
   * `dispatcher`, ...). The SDK's own `signal`, `headers`, `method` and `body` win.
   */
  fetchOptions?: Omit<RequestInit, "body" | "headers" | "method" | "signal"> &
    Record<string, unknown>;
}
