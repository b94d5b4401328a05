import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { type BenchSettings, cell, fmt, printTable, summarize } from "./internal/stats.js";

const require = createRequire(import.meta.url);
const PACKAGES = ["@everruns/core", "@everruns/streaming"] as const;

/** Milliseconds a fresh Node process takes to import `specifier` (measured inside it). */
function importTime(specifier: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(specifier)});process.stdout.write(String(performance.now()-t));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: new URL("..", import.meta.url).pathname,
    encoding: "utf8",
  });
  return Number(out);
}

/** Minified and gzipped size of a package entry bundled on its own (dependencies included, peers external). */
async function bundleSize(
  specifier: string,
  external: string[],
): Promise<{ min: number; gzip: number }> {
  const result = await build({
    entryPoints: [require.resolve(specifier)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    external,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/** Benchmark 6: cold import time and bundle size of the two client packages. */
export async function coldStart(settings: BenchSettings): Promise<void> {
  const runs = settings.quick ? 5 : 20;
  const rows: string[][] = [];
  const baseline = summarize(Array.from({ length: runs }, () => importTime("node:path")));
  for (const name of PACKAGES) {
    const times = summarize(Array.from({ length: runs }, () => importTime(name)));
    const size = await bundleSize(name, name === "@everruns/streaming" ? ["@everruns/core"] : []);
    rows.push([name, cell(times, 1), fmt(size.min / 1024, 1), fmt(size.gzip / 1024, 1)]);
  }
  rows.push(["(node:path, for scale)", cell(baseline, 2), "", ""]);
  printTable(
    "6. Cold start and size",
    ["entry", "import ms, median (min–max)", "min KB", "min+gzip KB"],
    rows,
    [
      `Import time: a fresh \`node\` process per run (${runs} runs), timed around \`await import()\` inside it.`,
      "Size: the entry bundled by esbuild with its dependencies (openapi-fetch), minified, gzip level 9; @everruns/core is external to @everruns/streaming (its peer).",
    ],
  );
}
