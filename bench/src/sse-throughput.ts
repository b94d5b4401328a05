import { Everruns } from "@everruns/core";
import { streamEvents } from "@everruns/streaming";
import { startChild } from "./internal/child.js";
import { type BenchSettings, cell, fmt, measure, printTable, summarize } from "./internal/stats.js";

/** What one client run saw. */
interface RunResult {
  events: number;
  bytes: number;
  lastSequence: number;
}

/**
 * The bare baseline: fetch, split on blank lines, JSON.parse every `data:` line. No reconnect
 * logic, no de-duplication, no typing: the least a client can do.
 */
async function bare(url: string, expected: number): Promise<RunResult> {
  const response = await fetch(url, {
    headers: { accept: "text/event-stream", authorization: "dev" },
  });
  if (!response.body) throw new Error("no body");
  const decoder = new TextDecoder();
  let buffer = "";
  let events = 0;
  let bytes = 0;
  let lastSequence = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    bytes += chunk.byteLength;
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      if (!frame.startsWith("event: output")) continue;
      const data = frame.slice(frame.indexOf("\ndata: ") + 7);
      const event = JSON.parse(data) as { sequence: number };
      lastSequence = event.sequence;
      events++;
    }
    if (events >= expected) break;
  }
  await reader.cancel().catch(() => undefined);
  return { events, bytes, lastSequence };
}

/** `@everruns/streaming`, as an application uses it. */
async function sdk(baseUrl: string, sessionId: string, expected: number): Promise<RunResult> {
  const client = new Everruns({ baseUrl, apiKey: "dev" });
  let events = 0;
  let lastSequence = 0;
  let bytes = 0;
  for await (const event of streamEvents(client, sessionId)) {
    events++;
    if (event.type === "output.message.delta") bytes += event.data.delta.length;
    if (event.sequence !== undefined && event.sequence !== lastSequence + 1) {
      throw new Error(`event ${event.sequence} after ${lastSequence}: lost or repeated`);
    }
    lastSequence = event.sequence ?? lastSequence;
    if (events >= expected) break;
  }
  return { events, bytes, lastSequence };
}

/** Benchmark 1: SSE client throughput, `@everruns/streaming` against a bare fetch parser. */
export async function sseThroughput(settings: BenchSettings): Promise<void> {
  const count = settings.quick ? 10_000 : 100_000;
  const rounds = settings.quick ? 2 : 5;
  const server = await startChild(new URL("./internal/sse-replay-server.ts", import.meta.url), [
    String(count),
  ]);
  const baseUrl = `http://127.0.0.1:${server.firstLine.trim()}`;
  const frameBytes = await (async () => {
    const r = await fetch(`${baseUrl}/v1/sessions/chunks/sse`);
    return (await r.arrayBuffer()).byteLength;
  })();
  const rows: string[][] = [];
  const notes: string[] = [];
  try {
    for (const mode of ["chunks", "events", "cycle"] as const) {
      const results: Record<"bare" | "sdk", { rate: number[]; mbps: number[]; cpu: number[] }> = {
        bare: { rate: [], mbps: [], cpu: [] },
        sdk: { rate: [], mbps: [], cpu: [] },
      };
      const lost: number[] = [];
      // Warm-up, then alternate the two clients so that drift hits both alike.
      await sdk(baseUrl, mode, Math.min(count, 5_000));
      for (let round = 0; round < rounds; round++) {
        for (const who of ["bare", "sdk"] as const) {
          if (who === "bare" && mode === "cycle") continue;
          const run = await measure(() =>
            who === "bare"
              ? bare(`${baseUrl}/v1/sessions/${mode}/sse`, count)
              : sdk(baseUrl, mode, count),
          );
          if (run.value.events !== count)
            throw new Error(`${who} ${mode}: ${run.value.events} events`);
          if (mode === "cycle") lost.push(count - run.value.lastSequence);
          const seconds = run.wallMs / 1000;
          results[who].rate.push(count / seconds);
          results[who].mbps.push(frameBytes / 1e6 / seconds);
          results[who].cpu.push(run.cpuMs);
        }
      }
      const label = {
        chunks: "64 KB writes",
        events: "one write per event",
        cycle: "disconnecting every 1,000",
      }[mode];
      for (const who of ["bare", "sdk"] as const) {
        if (who === "bare" && mode === "cycle") continue;
        const r = results[who];
        const rate = summarize(r.rate);
        const cpu = summarize(r.cpu);
        const ratio =
          who === "sdk" && mode !== "cycle"
            ? `${fmt(rate.median / summarize(results.bare.rate).median)}× / ${fmt(cpu.median / summarize(results.bare.cpu).median)}×`
            : mode === "cycle"
              ? `lost: ${Math.max(...lost)}`
              : "1.00× / 1.00×";
        rows.push([
          `${label}: ${who === "bare" ? "bare fetch + JSON.parse" : "@everruns/streaming"}`,
          cell(rate, 0),
          cell(summarize(r.mbps), 1),
          cell(cpu, 0),
          ratio,
        ]);
      }
    }
  } finally {
    await server.stop();
  }
  notes.push(
    `${fmt(count, 0)} output.message.delta events, ${fmt(frameBytes / count, 0)} bytes per frame on average (accumulated capped at 200 characters), served by a separate process on 127.0.0.1; ${rounds} rounds, client CPU = user + system time of the client process.`,
    "Ratio column: throughput ratio / CPU-time ratio against the bare baseline of the same write pattern (targets ≥ 0.9× and ≤ 1.1×).",
    "The cycle run sends `disconnecting` (retry_ms 0) every 1,000 events; the client resumes with since_id; 'lost' counts events never delivered (0 expected; a repeat or gap throws).",
  );
  printTable(
    "1. SSE client throughput",
    ["client", "events/s", "MB/s", "client CPU ms", "vs bare (rate / CPU)"],
    rows,
    notes,
  );
}
