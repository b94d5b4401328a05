import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { type BenchSettings, cell, fmt, printTable, summarize } from "./internal/stats.js";

const require = createRequire(import.meta.url);

/**
 * Milliseconds a fresh Node process takes to import `specifiers` (measured inside it); none
 * measures the empty script: the same timer around nothing. With `warmUp`, the process first
 * imports that module untimed, as an ES module program has loaded its own entry file before its
 * first import runs: the timer then holds only what the specifiers add.
 */
function importTime(specifiers: string[], warmUp?: string): number {
  const imports = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join("");
  const before = warmUp === undefined ? "" : `await import(${JSON.stringify(warmUp)});`;
  // The difference is taken before `process.stdout` is touched: creating it costs milliseconds.
  const script = `${before}const t=performance.now();${imports}const d=performance.now()-t;process.stdout.write(String(d));`;
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

/**
 * Core's entry built twice into `dir` from its sources, as the package build does, once with
 * openapi-fetch inside (as shipped) and once importing it by name (as before 1 December), with
 * `dir/node_modules/openapi-fetch` linked to the copy core depends on. Imported by path, the
 * two differ only in that import.
 */
async function coreEntryVariants(dir: string): Promise<{ inlined: string; imported: string }> {
  const core = dirname(require.resolve("@everruns/core/package.json"));
  const openapiFetch = dirname(
    createRequire(join(core, "package.json")).resolve("openapi-fetch/package.json"),
  );
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(openapiFetch, join(dir, "node_modules", "openapi-fetch"), "dir");
  const variant = async (name: string, external: string[]) => {
    await build({
      entryPoints: [join(core, "src", "index.ts")],
      outfile: join(dir, name),
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      external,
      logLevel: "silent",
    });
    return pathToFileURL(join(dir, name)).href;
  };
  return {
    inlined: await variant("inlined.mjs", []),
    imported: await variant("imported.mjs", ["openapi-fetch"]),
  };
}

/** Benchmark 6: cold import time and bundle size of the two client packages. */
export async function coldStart(settings: BenchSettings): Promise<void> {
  const runs = settings.quick ? 5 : 20;
  const dir = mkdtempSync(join(tmpdir(), "everruns-bench-"));
  try {
    await measureColdStart(runs, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bench 6 proper, with its temporary modules and builds in `dir`. */
async function measureColdStart(runs: number, dir: string): Promise<void> {
  const [entryModule, emptyModule] = ["entry.mjs", "empty.mjs"].map((name) => {
    writeFileSync(join(dir, name), "export {};\n");
    return pathToFileURL(join(dir, name)).href;
  }) as [string, string];
  const variants = await coreEntryVariants(dir);
  const entries: [string, string[]][] = [
    ["empty script (no import)", []],
    ["an empty module", [emptyModule]],
    ["core's entry by path, openapi-fetch imported by name", [variants.imported]],
    ["core's entry by path, openapi-fetch inside (shipped)", [variants.inlined]],
    ["@everruns/core", ["@everruns/core"]],
    ["@everruns/core + @everruns/streaming", ["@everruns/core", "@everruns/streaming"]],
  ];
  // Interleaved, one run of each entry and mode per round, so load on the machine hits all alike.
  const cold = entries.map(() => [] as number[]);
  const warm = entries.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, [, specifiers]] of entries.entries()) {
      cold[i]?.push(importTime(specifiers));
      warm[i]?.push(importTime(specifiers, entryModule));
    }
  }
  const coldEmpty = summarize(cold[0] ?? []).median;
  const warmEmpty = summarize(warm[0] ?? []).median;
  const rows: string[][] = [];
  for (const [i, [label, specifiers]] of entries.entries()) {
    const c = summarize(cold[i] ?? []);
    const w = summarize(warm[i] ?? []);
    const name = specifiers.at(-1);
    // Sizes only for the packages as users import them.
    const size =
      name?.startsWith("@everruns/") === true
        ? await bundleSize(name, name === "@everruns/streaming" ? ["@everruns/core"] : [])
        : undefined;
    rows.push([
      label,
      cell(c, 1),
      i === 0 ? "" : fmt(c.median - coldEmpty, 1),
      cell(w, 1),
      i === 0 ? "" : fmt(w.median - warmEmpty, 1),
      size ? fmt(size.min / 1024, 1) : "",
      size ? fmt(size.gzip / 1024, 1) : "",
    ]);
  }
  printTable(
    "6. Cold start and size",
    [
      "entry",
      "cold: import ms, median (min–max)",
      "ms over empty",
      "warm: import ms",
      "ms over empty",
      "min KB",
      "min+gzip KB",
    ],
    rows,
    [
      `A fresh \`node\` process per run (${runs} runs, entries and modes interleaved), timed around \`await import()\` inside it; "over empty" is the median minus the empty script's in the same mode (targets: core ≤ 8 ms, core + streaming ≤ 12 ms).`,
      "cold: the import is the process's first file, so it also pays the ES module loader's start (reading its first file through fs/promises), which the empty module row shows; warm: the process has imported an empty module first, untimed, as every ES module program has loaded its own entry file before its first import runs.",
      "The two rows of core's entry by path: core's sources bundled into the run's temporary folder, once with openapi-fetch inside (as shipped since 1 December) and once importing it by name (as before); imported by path, they differ only in resolving openapi-fetch.",
      "Size: the entry bundled by esbuild with its dependencies, minified, gzip level 9; the streaming row's size is @everruns/streaming alone (@everruns/core is its peer, external).",
    ],
  );
}
