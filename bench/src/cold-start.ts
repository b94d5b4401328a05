import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { type BenchSettings, cell, fmt, printTable, summarize } from "./internal/stats.js";

const require = createRequire(import.meta.url);

/**
 * Milliseconds a fresh Node process takes to import `specifiers` (measured inside it); none
 * measures the empty script: the same timer around nothing.
 */
function importTime(specifiers: string[]): number {
  const imports = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join("");
  const script = `const t=performance.now();${imports}process.stdout.write(String(performance.now()-t));`;
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
  const emptyModule = join(mkdtempSync(join(tmpdir(), "everruns-bench-")), "empty.mjs");
  writeFileSync(emptyModule, "export {};\n");
  const entries: [string, string[]][] = [
    ["empty script (no import)", []],
    ["an empty module (the ES module loader's own cost)", [pathToFileURL(emptyModule).href]],
    ["@everruns/core", ["@everruns/core"]],
    ["@everruns/core + @everruns/streaming", ["@everruns/core", "@everruns/streaming"]],
  ];
  // Interleaved, one run of each entry per round, so load on the machine hits all alike.
  const times = entries.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, [, specifiers]] of entries.entries()) times[i]?.push(importTime(specifiers));
  }
  const empty = summarize(times[0] ?? []).median;
  const rows: string[][] = [];
  for (const [i, [label, specifiers]] of entries.entries()) {
    const t = summarize(times[i] ?? []);
    const name = specifiers.at(-1);
    const size =
      name?.startsWith("@everruns/") === true
        ? await bundleSize(name, name === "@everruns/streaming" ? ["@everruns/core"] : [])
        : undefined;
    rows.push([
      label,
      cell(t, 1),
      i === 0 ? "" : fmt(t.median - empty, 1),
      size ? fmt(size.min / 1024, 1) : "",
      size ? fmt(size.gzip / 1024, 1) : "",
    ]);
  }
  printTable(
    "6. Cold start and size",
    ["entry", "import ms, median (min–max)", "ms over empty", "min KB", "min+gzip KB"],
    rows,
    [
      `Import time: a fresh \`node\` process per run (${runs} runs, entries interleaved), timed around \`await import()\` inside it; "over empty" is the median minus the empty script's (targets: core ≤ 8 ms, core + streaming ≤ 12 ms).`,
      "The empty module row is the fixed cost of Node's ES module loader on a first `import()`, which every package pays.",
      "Size: the entry bundled by esbuild with its dependencies (openapi-fetch), minified, gzip level 9; the streaming row's size is @everruns/streaming alone (@everruns/core is its peer, external).",
    ],
  );
}
