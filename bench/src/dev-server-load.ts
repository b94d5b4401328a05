import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { Everruns } from "@everruns/core";
import type { SubscriberMessage, SubscriberWork } from "./internal/load-subscribers.js";
import { spawnDevServer } from "./internal/spawn-dev-server.js";
import {
  type BenchSettings,
  cell,
  fmt,
  printTable,
  quantile,
  summarize,
} from "./internal/stats.js";

interface RoundResult {
  turnsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  lost: number;
  deltasPerTurn: number;
  serverRssMb: number;
  clientRssMb: number;
  framesDelivered: number;
  serverCpuShare: number;
  clientCpuShare: number;
}

async function round(sessions: number, subscribers: number, deltas: number): Promise<RoundResult> {
  const folder = mkdtempSync(join(tmpdir(), "everruns-load-"));
  // A database file (WAL), as the dev server runs by default. The model streams a chunk every
  // SIM_DELAY_MS and the server batches them into a delta every 100 ms (its default, as the
  // hosted API does), so each turn yields a stream of deltas over time, not one burst.
  const server = await spawnDevServer([
    "--db",
    join(folder, "load.sqlite"),
    "--sim-delay-ms",
    String(SIM_DELAY_MS),
    // The server's default limits (512 streams, 32 per session) protect a developer's machine;
    // this benchmark opens 1,000 on purpose.
    "--max-streams",
    String(subscribers + 100),
  ]);
  const client = new Everruns({ baseUrl: server.url, apiKey: "dev", timeoutMs: 60_000 });
  const workers: Worker[] = [];
  let errors = 0;
  const latencies: number[] = [];
  try {
    const ids = await Promise.all(
      Array.from({ length: sessions }, () => client.sessions.create({}).then((s) => s.id)),
    );
    // The subscribers run in worker threads, each with whole sessions (their subscribers'
    // counts are compared), so they can use every core the dev server leaves free.
    const threads = Math.min(SUBSCRIBER_THREADS, sessions);
    const reports: Promise<SubscriberMessage & { kind: "done" }>[] = [];
    const readies: Promise<void>[] = [];
    for (let t = 0; t < threads; t++) {
      const work: SubscriberWork = {
        baseUrl: server.url,
        sessionIds: ids.filter((_, i) => i % threads === t),
        perSession: subscribers / sessions,
      };
      const worker = new Worker(
        new URL("./internal/load-subscribers-thread.mjs", import.meta.url),
        { workerData: work },
      );
      workers.push(worker);
      let readyNow: () => void = () => {};
      let failReady: (error: unknown) => void = () => {};
      readies.push(
        new Promise<void>((resolve, reject) => {
          readyNow = resolve;
          failReady = reject;
        }),
      );
      reports.push(
        new Promise((resolve, reject) => {
          const fail = (error: unknown) => {
            failReady(error);
            reject(error);
          };
          worker.on("message", (message: SubscriberMessage) => {
            if (message.kind === "ready") readyNow();
            else resolve(message);
          });
          worker.once("error", fail);
          worker.once("exit", (code) => fail(new Error(`subscriber thread exited with ${code}`)));
        }),
      );
      // A report nobody awaits yet (the turns start only once all are ready) must not be an
      // unhandled rejection; the same promise is awaited below.
      reports.at(-1)?.catch(() => undefined);
    }
    // Every subscriber must be live before the turns start; a refused or stuck connection
    // retries forever, so say so instead of waiting without end.
    let readyTimer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(readies),
      new Promise<never>((_, reject) => {
        readyTimer = setTimeout(
          () => reject(new Error(`the ${subscribers} subscribers were not all live in 120 s`)),
          120_000,
        );
      }),
    ]).finally(() => clearTimeout(readyTimer));
    const started = performance.now();
    const serverCpu = server.cpuMs() ?? Number.NaN;
    const clientCpu = process.cpuUsage();
    await Promise.all(
      ids.map((id) =>
        client.messages.create(id, `[simulate:deltas=${deltas}] load`).catch(() => {
          errors++;
        }),
      ),
    );
    const done = await Promise.all(reports);
    const seconds = (performance.now() - started) / 1000;
    const clientUsed = process.cpuUsage(clientCpu);
    const serverUsed = (server.cpuMs() ?? Number.NaN) - serverCpu;
    const results = done.flatMap((report) => report.results);
    for (const report of done) {
      errors += report.errors;
      for (const value of report.latencies) latencies.push(value);
      for (const [kind, n] of report.warnings)
        warningKinds.set(kind, (warningKinds.get(kind) ?? 0) + n);
    }
    const perTurn = results.map((r) => r.deltas);
    return {
      turnsPerSecond: sessions / seconds,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      errors,
      lost: results.reduce((n, r) => n + r.lost, 0) + countMismatch(results),
      deltasPerTurn: summarize(perTurn).median,
      serverRssMb: server.peakRssMb() ?? Number.NaN,
      clientRssMb: process.memoryUsage().rss / 1024 / 1024,
      framesDelivered: latencies.length,
      serverCpuShare: serverUsed / 10 / seconds,
      clientCpuShare: (clientUsed.user + clientUsed.system) / 1000 / 10 / seconds,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Stream warnings by kind, over all rounds (printed under the table). */
const warningKinds = new Map<string, number>();

/**
 * Worker threads the subscribers are spread over (`LOAD_THREADS`, default 2), so that parsing
 * every subscriber's frames is not held to one core. On a 2-core machine there is no core to
 * spare: the threads then take CPU from the dev server (bench/README.md, section 3).
 */
const SUBSCRIBER_THREADS = Math.max(1, Number(process.env.LOAD_THREADS ?? 2));

/** Pause between the simulated model's chunks, ms: 200 chunks stream for about a second. */
const SIM_DELAY_MS = 5;

/** Deltas missing at some subscriber: every subscriber of a session must see the same count. */
function countMismatch(results: { sessionId: string; deltas: number }[]): number {
  const bySession = new Map<string, number[]>();
  for (const r of results)
    bySession.set(r.sessionId, [...(bySession.get(r.sessionId) ?? []), r.deltas]);
  let missing = 0;
  for (const counts of bySession.values()) missing += Math.max(...counts) - Math.min(...counts);
  return missing;
}

/** Benchmark 3: the dev server under load: many sessions, many SSE subscribers. */
export async function devServerLoad(settings: BenchSettings): Promise<void> {
  const sessions = settings.quick ? 40 : 200;
  const subscribers = settings.quick ? 200 : 1_000;
  const deltas = 200;
  const rounds = settings.quick ? 1 : Number(process.env.LOAD_ROUNDS ?? 3);
  const results: RoundResult[] = [];
  for (let n = 0; n < rounds; n++) results.push(await round(sessions, subscribers, deltas));
  const s = (pick: (r: RoundResult) => number) => summarize(results.map(pick));
  const worst = (pick: (r: RoundResult) => number) => Math.max(...results.map(pick));
  printTable(
    "3. Dev server under load",
    ["measure", "median (min–max)", "target"],
    [
      [
        "completed turns/s",
        cell(
          s((r) => r.turnsPerSecond),
          1,
        ),
        "",
      ],
      [
        "delta latency p50, ms",
        cell(
          s((r) => r.p50),
          0,
        ),
        "",
      ],
      [
        "delta latency p99, ms",
        cell(
          s((r) => r.p99),
          0,
        ),
        worst((r) => r.p99) < 100 ? "< 100: met" : "< 100: NOT met",
      ],
      ["errors (all rounds)", String(results.reduce((n, r) => n + r.errors, 0)), "0"],
      ["lost events (all rounds)", String(results.reduce((n, r) => n + r.lost, 0)), "0"],
      [
        "dev server peak RSS, MB",
        cell(
          s((r) => r.serverRssMb),
          0,
        ),
        worst((r) => r.serverRssMb) < 500 ? "< 500: met" : "< 500: NOT met",
      ],
      [
        "subscriber process RSS, MB",
        cell(
          s((r) => r.clientRssMb),
          0,
        ),
        "",
      ],
      [
        "dev server CPU, % of one core",
        cell(
          s((r) => r.serverCpuShare),
          0,
        ),
        "",
      ],
      [
        "subscriber process CPU (all threads), % of one core",
        cell(
          s((r) => r.clientCpuShare),
          0,
        ),
        "",
      ],
      ["deltas per turn", fmt(s((r) => r.deltasPerTurn).median, 0), ""],
      ["delta frames delivered per round", fmt(s((r) => r.framesDelivered).median, 0), ""],
    ],
    [
      `${sessions} sessions each running one simulated turn of ${deltas} model chunks ([simulate:deltas=${deltas}], --sim-delay-ms ${SIM_DELAY_MS}) that the server batches into a delta at most every 100 ms (its default), ${subscribers} streamEvents subscribers (${subscribers / sessions} per session) in the benchmark process, spread over ${SUBSCRIBER_THREADS} worker threads; the dev server CLI in its own process on a WAL database file. ${rounds} rounds.`,
      `Stream warnings by kind (counted as errors): ${warningKinds.size === 0 ? "none" : [...warningKinds].map(([kind, n]) => `${kind} ${n}`).join(", ")}.`,
      "Latency = subscriber's clock when the delta is yielded − the event's ts (set when the server creates it; ms resolution, same machine clock). Lost = gaps in a subscriber's sequence, plus any difference between the delta counts of one session's subscribers.",
    ],
  );
}
