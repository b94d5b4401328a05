import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BenchSettings, cell, fmt, printTable, summarize } from "./internal/stats.js";

const require = createRequire(import.meta.url);
const dist = join(dirname(require.resolve("@everruns/dev-server/package.json")), "dist");

interface StoreLike {
  events: unknown;
  close(): void;
}
interface EventLogLike {
  append(sessionId: string, type: string, data: unknown, context: Record<string, string>): unknown;
  flush(): void;
}
type Published = { id: string };

/**
 * The dev server's own event log (its dist modules, loaded by path): `append` gives an event
 * its id and sequence, `flush` commits the pending ones in one transaction and only then
 * publishes them. Returns events stored per second.
 */
async function storeRate(
  from: string,
  db: string,
  total: number,
  perTransaction: number,
): Promise<number> {
  const { Store } = (await import(pathToFileURL(join(from, "store/store.js")).href)) as {
    Store: new (path: string) => StoreLike;
  };
  const { EventLog } = (await import(pathToFileURL(join(from, "engine/event-log.js")).href)) as {
    EventLog: new (options: object) => EventLogLike;
  };
  const store = new Store(db);
  let published = 0;
  const bus = {
    publish: (_: Published) => {
      published++;
    },
  };
  const log = new EventLog({
    repo: store.events,
    bus,
    isBusy: () => true,
    onError: (e: unknown) => {
      throw e;
    },
  });
  const turnId = "turn_0192f0a0b1c27d3e8f90a1b2c3d4e5f6";
  let text = "";
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    const delta = `word ${n % 97} more `;
    text = (text + delta).slice(-200);
    log.append(
      `session_${n % 50}`,
      "output.message.delta",
      { turn_id: turnId, delta, accumulated: text },
      { turn_id: turnId },
    );
    if ((n + 1) % perTransaction === 0) log.flush();
  }
  log.flush();
  const seconds = (performance.now() - started) / 1000;
  store.close();
  if (published !== total) throw new Error(`published ${published} of ${total}`);
  return total / seconds;
}

/**
 * Benchmark 4: events persisted per second, each committed before any client sees it.
 *
 * `EVERRUNS_BENCH_STORE_BASELINE` may name another build's `packages/dev-server/dist` (for
 * example a checkout from before a store or driver change, with its own `node_modules`): its
 * store then runs interleaved with this one, round by round, and each row gets the ratio.
 */
export async function eventStore(settings: BenchSettings): Promise<void> {
  const total = settings.quick ? 5_000 : 50_000;
  const rounds = settings.quick ? 1 : 5;
  const baseline = process.env.EVERRUNS_BENCH_STORE_BASELINE;
  const folder = mkdtempSync(join(tmpdir(), "everruns-store-"));
  const rows: string[][] = [];
  try {
    let reference = 0;
    for (const perTransaction of [1, 10, 100]) {
      for (const kind of ["file", "memory"] as const) {
        const rates: number[] = [];
        const baseRates: number[] = [];
        for (let n = 0; n < rounds; n++) {
          const path = (tag: string) =>
            kind === "file" ? join(folder, `${tag}-${perTransaction}-${n}.sqlite`) : ":memory:";
          rates.push(await storeRate(dist, path("s"), total, perTransaction));
          if (baseline) baseRates.push(await storeRate(baseline, path("b"), total, perTransaction));
        }
        const s = summarize(rates);
        if (perTransaction === 1 && kind === "file") reference = s.median;
        const label = `${kind === "file" ? "SQLite file (WAL, synchronous=NORMAL)" : ":memory:"}, ${perTransaction} per transaction`;
        const row = [label, cell(s, 0), `${fmt(s.median / reference)}×`];
        if (baseline) {
          const b = summarize(baseRates);
          row.push(cell(b, 0), `${fmt(s.median / b.median)}×`);
        }
        rows.push(row);
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const columns = [
    "store, events per commit",
    "events stored/s, median (min–max)",
    "vs file, 1 per commit",
  ];
  if (baseline) columns.push("baseline build, events/s", "this build vs baseline");
  printTable("4. Event store", columns, rows, [
    ...(baseline
      ? [`Baseline: ${baseline}, run interleaved with this build, round by round.`]
      : []),
    `${fmt(total, 0)} output.message.delta events (~500 bytes of JSON each) over 50 sessions through the dev server's EventLog (id, sequence, JSON, insert), ${rounds} rounds.`,
    "Durability kept: an event is published only after the transaction holding it commits. The dev server commits once per event-loop tick, so concurrent turns share commits (the 10 and 100 rows); a single turn streaming alone gets the 1-per-commit rate.",
  ]);
}
