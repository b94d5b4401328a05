/**
 * Waits `ms`; 0 still yields to the event loop (on `setImmediate`, so other sessions and
 * requests get their turn). Rejects with the signal's reason on abort.
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      clearImmediate(immediate);
      reject(signal.reason);
    };
    const done = () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    };
    const timer = ms > 0 ? setTimeout(done, ms) : undefined;
    const immediate = ms > 0 ? undefined : setImmediate(done);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
