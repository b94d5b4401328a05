import type { Everruns, SessionEvent } from "@everruns/core";
import { type StreamState, streamEvents } from "@everruns/streaming";
import { useEffect, useState } from "react";
import { describeError } from "./describe-error.ts";

/** A session's events as they arrive, and how the stream is doing. */
export interface SessionEvents {
  events: readonly SessionEvent[];
  state: StreamState;
  /** The latest warning (a reconnect, a skipped frame), cleared when an event arrives. */
  warning: string | undefined;
  /** Why the stream ended, when it ended on an error. */
  error: string | undefined;
}

// Events arrive by the thousand when a long session replays: React renders once per batch.
const FLUSH_MS = 50;

/**
 * Follows every event of a session with `streamEvents` (replay from the first event, then
 * live), so reconnects, resuming after the last event and de-duplication are the SDK's rules,
 * not the console's. The stream closes when the component unmounts.
 */
export function useSessionEvents(client: Everruns, sessionId: string): SessionEvents {
  const [events, setEvents] = useState<readonly SessionEvent[]>([]);
  const [state, setState] = useState<StreamState>("connecting");
  const [warning, setWarning] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const controller = new AbortController();
    let pending: SessionEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      setEvents((previous) => previous.concat(batch));
      setWarning(undefined);
    };
    const stream = streamEvents(client, sessionId, {
      signal: controller.signal,
      onStateChange: setState,
      onWarning: (problem) => setWarning(problem.message),
    });
    (async () => {
      try {
        for await (const event of stream) {
          pending.push(event);
          timer ??= setTimeout(flush, FLUSH_MS);
        }
      } catch (caught) {
        if (!controller.signal.aborted) setError(describeError(caught));
      }
    })();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [client, sessionId]);

  return { events, state, warning, error };
}
