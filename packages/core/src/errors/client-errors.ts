import { EverrunsError } from "./everruns-error.js";

/**
 * The request never produced an HTTP response: DNS failure, refused or reset connection,
 * TLS error. Retried automatically for idempotent requests (and for POST when the server
 * cannot have seen the request) before this is thrown.
 */
export class ConnectionError extends EverrunsError {
  constructor(message = "Could not connect to the Everruns API", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConnectionError";
  }
}

/** An attempt took longer than its `timeoutMs` and every retry did too. */
export class TimeoutError extends ConnectionError {
  /** The per-attempt timeout that expired, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(`Request timed out after ${timeoutMs} ms`, options);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the request through its `AbortSignal`. */
export class AbortError extends EverrunsError {
  constructor(message = "The request was aborted", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AbortError";
  }
}

/**
 * Input refused on the client side before anything was sent: a name that is not a slug,
 * two mutually exclusive fields, a header value with CR/LF/NUL, a missing API key for the
 * hosted API.
 */
export class ValidationError extends EverrunsError {
  /** The option or field that was refused, when there is one. */
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.name = "ValidationError";
    this.field = field;
  }
}
