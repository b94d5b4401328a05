import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Everruns } from "@everruns/core";
import { startDevServer } from "@everruns/dev-server";
import { streamEvents } from "@everruns/streaming";
import { type BenchSettings, fmt, printTable, quantile } from "./internal/stats.js";

const require = createRequire(import.meta.url);

interface PublishedEvent {
  id: string;
  type: string;
}
interface EventBusModule {
  EventBus: { prototype: { publish(event: PublishedEvent): void } };
}

/**
 * Benchmark 2: from the moment the dev server publishes a delta (stored, handed to its SSE
 * connections) to the moment `streamEvents` yields it, on loopback. Server and client share
 * this process and its clock: the bus's `publish` is wrapped to stamp each event.
 */
export async function sseLatency(settings: BenchSettings): Promise<void> {
  const target = settings.quick ? 1_000 : 10_000;
  // The dev server's own module instance (the same file its dist imports), not a copy.
  const busFile = join(
    dirname(require.resolve("@everruns/dev-server/package.json")),
    "dist/engine/event-bus.js",
  );
  const { EventBus } = (await import(pathToFileURL(busFile).href)) as EventBusModule;
  const published = new Map<string, number>();
  const original = EventBus.prototype.publish;
  EventBus.prototype.publish = function (this: unknown, event: PublishedEvent) {
    if (event.type === "output.message.delta") published.set(event.id, performance.now());
    original.call(this, event);
  };
  // 1 ms between deltas: a live stream of separate deltas, not one burst. Every model chunk is
  // its own delta (no 100 ms batching): this measures the path, not the batching interval.
  const server = await startDevServer({
    port: 0,
    db: ":memory:",
    simDelayMs: 1,
    deltaIntervalMs: 0,
  });
  const latencies: number[] = [];
  try {
    const client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
    const session = await client.sessions.create({});
    const stream = streamEvents(client, session.id);
    const send = async () => {
      await client.messages.create(session.id, "[simulate:long] latency");
    };
    await send();
    for await (const event of stream) {
      if (event.type === "output.message.delta") {
        const at = published.get(event.id);
        if (at !== undefined) latencies.push(performance.now() - at);
        published.delete(event.id);
        if (latencies.length >= target) break;
      }
      if (event.type === "turn.completed") await send();
    }
  } finally {
    EventBus.prototype.publish = original;
    await server.close();
  }
  const p50 = quantile(latencies, 0.5);
  const p99 = quantile(latencies, 0.99);
  printTable(
    "2. Latency: dev server publishes a delta → streamEvents yields it",
    ["deltas", "p50 ms", "p90 ms", "p99 ms", "max ms", "targets"],
    [
      [
        fmt(latencies.length, 0),
        fmt(p50, 3),
        fmt(quantile(latencies, 0.9), 3),
        fmt(p99, 3),
        fmt(Math.max(...latencies), 1),
        `p50 < 2 ms ${p50 < 2 ? "met" : "NOT met"}, p99 < 10 ms ${p99 < 10 ? "met" : "NOT met"}`,
      ],
    ],
    [
      "In-process dev server (:memory:, 1 ms between simulated deltas, deltaIntervalMs 0, long replies of ~950 deltas), one streamEvents client on 127.0.0.1; the clock starts when the event is committed and published to the SSE connections.",
    ],
  );
}
