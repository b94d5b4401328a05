import type { SessionEvent } from "@everruns/core";
import { vi } from "vitest";
import type { StreamState, StreamWarning } from "../stream-options.js";

/**
 * Waits, in real time, until `condition` holds. Polls with `setImmediate`, which fake timers
 * leave alone, so it works whether or not `setTimeout` is faked.
 */
export async function until(
  condition: () => boolean,
  timeoutMs = 5_000,
  what = "condition",
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Lets pending I/O happen for a short real-time moment (to show that nothing else arrives). */
export async function settle(ms = 30): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) await new Promise((resolve) => setImmediate(resolve));
}

/** Reads `count` events, then leaves the loop (which closes the stream). */
export async function take(
  stream: AsyncIterable<SessionEvent>,
  count: number,
): Promise<SessionEvent[]> {
  const events: SessionEvent[] = [];
  if (count <= 0) return events;
  for await (const event of stream) {
    events.push(event);
    if (events.length >= count) break;
  }
  return events;
}

/** Fakes `setTimeout` only: the HTTP stack's other timers and `setImmediate` stay real. */
export function useFakeTimeouts(): void {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
}

/**
 * Stream hooks that skip every reconnect wait under fake timers: each announced backoff
 * (`delayMs`) and each planned reconnect is fast-forwarded as soon as it starts. Also records
 * warnings and states.
 */
export function fastForwardReconnects(plannedDelayMs: number): {
  warnings: StreamWarning[];
  states: StreamState[];
  onWarning: (warning: StreamWarning) => void;
  onStateChange: (state: StreamState) => void;
} {
  const warnings: StreamWarning[] = [];
  const states: StreamState[] = [];
  return {
    warnings,
    states,
    onWarning(warning) {
      warnings.push(warning);
      const delay = warning.delayMs;
      if (delay !== undefined) setImmediate(() => vi.advanceTimersByTime(delay));
    },
    onStateChange(state) {
      states.push(state);
      if (state === "reconnecting") setImmediate(() => vi.advanceTimersByTime(plannedDelayMs));
    },
  };
}
