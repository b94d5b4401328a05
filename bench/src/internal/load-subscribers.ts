// A worker thread of benchmark 3: opens `streamEvents` subscribers on its share of the sessions,
// says when all are live, and reports what they saw once every turn has completed. Spreading
// the subscribers over threads lets them use the cores the dev server leaves free.
import { setMaxListeners } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { Everruns } from "@everruns/core";
import { type StreamState, streamEvents } from "@everruns/streaming";

/** What the main thread gives a subscriber worker. */
export interface SubscriberWork {
  baseUrl: string;
  sessionIds: string[];
  perSession: number;
}

/** What a subscriber worker posts. */
export type SubscriberMessage =
  | { kind: "ready" }
  | {
      kind: "done";
      latencies: number[];
      errors: number;
      warnings: [string, number][];
      /** Per subscriber: its session and how many deltas it saw, and its sequence gaps. */
      results: { sessionId: string; deltas: number; lost: number }[];
    };

const port = parentPort;
if (port) {
  const work = workerData as SubscriberWork;
  const client = new Everruns({ baseUrl: work.baseUrl, apiKey: "dev", timeoutMs: 60_000 });
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const latencies: number[] = [];
  const warnings = new Map<string, number>();
  let errors = 0;
  let live = 0;
  const total = work.sessionIds.length * work.perSession;
  const finished: Promise<{ sessionId: string; deltas: number; lost: number }>[] = [];
  for (const sessionId of work.sessionIds) {
    for (let n = 0; n < work.perSession; n++) {
      let counted = false;
      const stream = streamEvents(client, sessionId, {
        signal: controller.signal,
        onWarning: (warning) => {
          errors++;
          warnings.set(warning.kind, (warnings.get(warning.kind) ?? 0) + 1);
        },
        onStateChange: (state: StreamState) => {
          if (state === "live" && !counted) {
            counted = true;
            live++;
            if (live === total) port.postMessage({ kind: "ready" } satisfies SubscriberMessage);
          }
        },
      });
      finished.push(
        (async () => {
          let sequence = 0;
          let lost = 0;
          let deltas = 0;
          for await (const event of stream) {
            if (event.sequence !== sequence + 1) lost++;
            sequence = event.sequence ?? sequence;
            if (event.type === "output.message.delta") {
              deltas++;
              latencies.push(Date.now() - Date.parse(event.ts));
            }
            if (event.type === "turn.failed") errors++;
            if (event.type === "turn.completed") break;
          }
          return { sessionId, deltas, lost };
        })(),
      );
    }
  }
  const results = await Promise.all(finished);
  controller.abort();
  port.postMessage({
    kind: "done",
    latencies,
    errors,
    warnings: [...warnings],
    results,
  } satisfies SubscriberMessage);
}
