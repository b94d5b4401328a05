/** Wait before reconnecting after a `disconnecting` frame whose `retry_ms` is absent or invalid. */
export const DEFAULT_DISCONNECT_RETRY_MS = 100;

/** Longest wait between two reconnect attempts after a failure. */
export const MAX_RECONNECT_DELAY_MS = 30_000;

const FIRST_RECONNECT_DELAY_MS = 1_000;

/**
 * The wait before a reconnect attempt that follows a failure (an unexpected end, a network
 * error, a 5xx, an idle timeout): 1 s, 2 s, 4 s, 8 s, 16 s, then 30 s for every later retry.
 *
 * `retryIndex` counts the failures since the stream last received `connected` or an event,
 * from 0; the schedule starts over at 1 s after each success. No jitter: the schedule is the
 * one every Everruns SDK follows, and reconnects of different clients are not synchronised.
 */
export function reconnectDelayMs(retryIndex: number): number {
  if (!Number.isFinite(retryIndex) || retryIndex <= 0) return FIRST_RECONNECT_DELAY_MS;
  // Past 2^5 the cap applies anyway; clamping keeps 2 ** n finite for huge indexes.
  const exponent = Math.min(Math.floor(retryIndex), 5);
  return Math.min(FIRST_RECONNECT_DELAY_MS * 2 ** exponent, MAX_RECONNECT_DELAY_MS);
}
