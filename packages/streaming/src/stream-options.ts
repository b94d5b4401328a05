import { type EventType, isKnownEventType, ValidationError } from "@everruns/core";

/**
 * Where an {@link EventStream} is: `connecting` (first attempt), `live` (the server said
 * `connected` or sent an event), `reconnecting` (waiting for, or making, another attempt),
 * `closed` (ended by the caller, by a fatal error, or after `maxRetries`).
 */
export type StreamState = "connecting" | "live" | "reconnecting" | "closed";

/**
 * Something went wrong without ending the stream. Kinds this version reports:
 * - `malformed_frame`: a frame whose data is not an event (bad JSON, no `id` or `type`); skipped.
 * - `connect_failed`: the connection could not be opened (network error, 5xx, 408, 429); retrying.
 * - `unexpected_disconnect`: an open connection ended without `disconnecting`; retrying.
 * - `idle_timeout`: nothing at all (not even a heartbeat comment) arrived within `idleTimeoutMs`; retrying.
 * - `sequence_regression`: an event with a new id came with a `sequence` at or below one already
 *   delivered (the server's numbering went backwards); delivered anyway. Once per connection.
 * - `stale_event`: an event with an unknown id and a `sequence` older than every remembered
 *   event was taken as a repeat of an old one and dropped. Once per connection.
 */
export interface StreamWarning {
  /** What happened; further kinds may be added, so handle unknown ones. */
  kind:
    | "malformed_frame"
    | "unexpected_disconnect"
    | "idle_timeout"
    | "connect_failed"
    | "sequence_regression"
    | "stale_event"
    | string;
  /** A readable sentence, safe to log (never contains credentials). */
  message: string;
  /** The error or value behind the warning, when there is one. */
  cause?: unknown;
  /** For warnings followed by a reconnect: the wait before it, in ms. */
  delayMs?: number;
}

/** Options of `streamEvents`. All optional. */
export interface StreamEventsOptions {
  /** Start after this event id (resume). Default: replay the session from its first event. */
  sinceId?: string;
  /** Only these event types, sent as repeated `types` keys. Default: all. At most 25. */
  types?: EventType[];
  /** Drop these event types (applied after `types`), sent as repeated `exclude` keys. At most 25. */
  exclude?: EventType[];
  /**
   * Retries after consecutive failures before the stream ends with
   * `StreamRetriesExhaustedError`. Default `Infinity`. A `connected` frame or any event resets
   * the count; planned `disconnecting` reconnects never count.
   */
  maxRetries?: number;
  /**
   * Drop and reopen a connection when nothing at all arrived for this long, in ms, including
   * while waiting for the response headers. Heartbeat comments count: a healthy idle session
   * keeps one connection. Default 45 000.
   */
  idleTimeoutMs?: number;
  /** Ends the stream at once when aborted: the request is closed and iteration finishes. */
  signal?: AbortSignal;
  /** Called for problems that do not end the stream; see {@link StreamWarning}. */
  onWarning?: (warning: StreamWarning) => void;
  /** Called on every change of {@link StreamState}. */
  onStateChange?: (state: StreamState) => void;
}

/** Default of {@link StreamEventsOptions.idleTimeoutMs}: 45 s, above the 30 s heartbeat. */
export const DEFAULT_IDLE_TIMEOUT_MS = 45_000;

/** Default of {@link StreamEventsOptions.maxRetries}: never give up. */
export const DEFAULT_MAX_RETRIES = Number.POSITIVE_INFINITY;

/** Most values the server accepts in `types` or in `exclude`. */
export const MAX_TYPES_PER_FILTER = 25;

/** {@link StreamEventsOptions} with defaults applied and values checked. */
export interface ResolvedStreamOptions {
  /** Start after this event id; `undefined` replays the session from its first event. */
  sinceId: string | undefined;
  /** Only these event types (empty: every type). */
  types: EventType[];
  /** Never these event types (empty: none excluded). */
  exclude: EventType[];
  /** Retries after consecutive failures before the stream ends (`Infinity`: never). */
  maxRetries: number;
  /** How long nothing may arrive (heartbeats count) before the connection is reopened, in ms. */
  idleTimeoutMs: number;
  /** Ends the stream when aborted. */
  signal: AbortSignal | undefined;
  /** Called for problems that do not end the stream. */
  onWarning: ((warning: StreamWarning) => void) | undefined;
  /** Called on every change of {@link StreamState}. */
  onStateChange: ((state: StreamState) => void) | undefined;
}

/**
 * Applies the defaults of {@link StreamEventsOptions} and refuses bad values with a
 * `ValidationError` before any request: a negative or fractional `maxRetries`, an
 * `idleTimeoutMs` that is not a positive number, more than 25 `types` or `exclude`, or a type
 * this SDK does not know (the server answers those with 400).
 */
export function resolveStreamOptions(options: StreamEventsOptions = {}): ResolvedStreamOptions {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (
    !(maxRetries === Number.POSITIVE_INFINITY || (Number.isInteger(maxRetries) && maxRetries >= 0))
  ) {
    throw new ValidationError(
      `maxRetries must be a whole number ≥ 0 or Infinity, got ${maxRetries}`,
      "maxRetries",
    );
  }
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (!(Number.isFinite(idleTimeoutMs) && idleTimeoutMs > 0)) {
    throw new ValidationError(
      `idleTimeoutMs must be a positive number of ms, got ${idleTimeoutMs}`,
      "idleTimeoutMs",
    );
  }
  return {
    sinceId: options.sinceId || undefined,
    types: checkTypes(options.types, "types"),
    exclude: checkTypes(options.exclude, "exclude"),
    maxRetries,
    idleTimeoutMs,
    signal: options.signal,
    onWarning: options.onWarning,
    onStateChange: options.onStateChange,
  };
}

function checkTypes(types: readonly EventType[] | undefined, field: string): EventType[] {
  const list = [...new Set(types ?? [])];
  if (list.length > MAX_TYPES_PER_FILTER) {
    throw new ValidationError(
      `${field} takes at most ${MAX_TYPES_PER_FILTER} event types, got ${list.length}`,
      field,
    );
  }
  for (const type of list) {
    if (!isKnownEventType(type)) {
      throw new ValidationError(
        `${field} contains "${String(type)}", which is not a known event type`,
        field,
      );
    }
  }
  return list;
}
