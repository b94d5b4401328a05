// Replaces a package's dist/index.js (emitted by tsc, one file per module) with the same code
// bundled into one module (see `external` below for what stays an import). Run after `tsc` by the build
// of @everruns/core and @everruns/streaming.
//
// Why: Node's ES module loader pays per file (resolve, read, compile, link). Core was 31
// files: a fresh `import("@everruns/core")` cost ~24 ms over an empty script where one file
// of the same code costs a few (bench 6). The other emitted .js files stay (the .d.ts files
// and source maps refer to them), but nothing imports them at run time.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const root = process.cwd();
const manifest = JSON.parse(readFileSync(`${root}/package.json`, "utf8"));
// Every dependency stays an import: users dedupe them, an app holds one copy of
// @everruns/core, and openapi-fetch's own code (which probes `process`) stays out of ours,
// which tests/packaging checks is runtime-neutral.
const external = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
await build({
  entryPoints: [`${root}/src/index.ts`],
  outfile: `${root}/dist/index.js`,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external,
  sourcemap: true,
  sourcesContent: true,
  legalComments: "inline",
  logLevel: "warning",
});
