import { EverrunsError } from "@everruns/core";

/**
 * The stream failed `maxRetries + 1` times in a row without receiving `connected` or an event,
 * and gave up. {@link StreamRetriesExhaustedError.cause} is the last failure.
 */
export class StreamRetriesExhaustedError extends EverrunsError {
  /** The retries made before giving up (the stream's `maxRetries`). */
  readonly retries: number;
  /** The session whose stream ended. */
  readonly sessionId: string;

  constructor(sessionId: string, retries: number, cause: unknown) {
    super(
      `The event stream of session ${sessionId} gave up after ${retries} ${retries === 1 ? "retry" : "retries"}: ${describe(cause)}`,
      { cause },
    );
    this.name = "StreamRetriesExhaustedError";
    this.sessionId = sessionId;
    this.retries = retries;
  }
}

/** Nothing but heartbeats arrived within the idle timeout; the connection was dropped. */
export class StreamIdleTimeoutError extends EverrunsError {
  /** The idle timeout that expired, in ms. */
  readonly idleTimeoutMs: number;

  constructor(idleTimeoutMs: number) {
    super(`No event within ${idleTimeoutMs} ms; the connection is presumed dead`);
    this.name = "StreamIdleTimeoutError";
    this.idleTimeoutMs = idleTimeoutMs;
  }
}

/** An open event stream ended or broke without a `disconnecting` frame. */
export class StreamDisconnectedError extends EverrunsError {
  constructor(
    message = "The event stream ended without a disconnecting frame",
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StreamDisconnectedError";
  }
}

/**
 * The server sent something that can never become events: a frame larger than the parser's
 * limit. Fatal, since reconnecting would receive the same frame again.
 */
export class StreamProtocolError extends EverrunsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StreamProtocolError";
  }
}

/**
 * A relayed stream (see `fromReadableStream`) reported that its source failed on the relaying
 * server: `name` and `message` are the original error's, `code` the API's error code if any.
 */
export class RelayedStreamError extends EverrunsError {
  /** Name of the error on the relaying side (e.g. `NotFoundError`). */
  readonly originalName: string;
  /** The API's error `code`, when there was one. */
  readonly code: string | undefined;

  constructor(failure: { name: string; message: string; code?: string }) {
    super(failure.message);
    this.name = "RelayedStreamError";
    this.originalName = failure.name;
    this.code = failure.code;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
