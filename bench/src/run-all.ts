import { coldStart } from "./cold-start.js";
import { devServerLoad } from "./dev-server-load.js";
import { eventStore } from "./event-store.js";
import type { BenchSettings } from "./internal/stats.js";
import { sseLatency } from "./sse-latency.js";
import { sseThroughput } from "./sse-throughput.js";
import { tuiRender } from "./tui-render.js";

const settings: BenchSettings = { quick: process.argv.includes("--quick") };
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice(7)
  .split(",");
const benches: [string, (s: BenchSettings) => Promise<void>][] = [
  ["1", sseThroughput],
  ["2", sseLatency],
  ["3", devServerLoad],
  ["4", eventStore],
  ["5", tuiRender],
  ["6", coldStart],
];
console.log(
  `# Everruns benchmarks${settings.quick ? " (quick)" : ""}: Node ${process.version}, ${process.platform} ${process.arch}`,
);
const started = performance.now();
for (const [id, run] of benches) {
  if (only && !only.includes(id)) continue;
  await run(settings);
}
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
