// Replaces a package's dist/index.js (emitted by tsc, one file per module) with the same code
// bundled into one module. Run after `tsc` by the build of @everruns/core and @everruns/streaming.
//
// Why: Node's ES module loader pays per file (resolve, read, compile, link), and a bare
// specifier's resolution (node_modules lookup, package.json exports, realpath through pnpm's
// symlinks) costs about as much as compiling our whole entry (bench 6). Core was 31 files: a
// fresh `import("@everruns/core")` cost ~24 ms over an empty script where one file of the same
// code costs a few. The other emitted .js files stay (the .d.ts files and source maps refer to
// them), but nothing imports them at run time.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const root = process.cwd();
const manifest = JSON.parse(readFileSync(`${root}/package.json`, "utf8"));

// Dependencies whose run-time code goes into the entry instead of being imported. Each stays in
// `dependencies`, pinned to one exact version, because the shipped .d.ts files import its types:
// the types users compile against and the code they run are then the same release.
// openapi-fetch: resolving it as a second package cost about 5 ms of core's import (bench 6).
const INLINED = { "@everruns/core": ["openapi-fetch"] };
const inlined = INLINED[manifest.name] ?? [];
for (const name of inlined) {
  const range = manifest.dependencies?.[name];
  if (!range || !/^\d+\.\d+\.\d+$/.test(range)) {
    throw new Error(
      `${manifest.name}: inlined dependency ${name} must be pinned exactly, found ${range}`,
    );
  }
}
// Every other dependency and peer stays an import: users dedupe them, and an app holds one
// copy of @everruns/core (streaming imports it).
const external = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter(
  (name) => !inlined.includes(name),
);
// A licence comment at the top of the entry, kept by bundlers that keep legal comments, points
// at the notices file.
const banner = inlined.length
  ? `/*! @license ${manifest.name} includes ${inlined.map((name) => `${name} ${manifest.dependencies[name]}`).join(", ")}: see dist/THIRD-PARTY-NOTICES.md */`
  : "";
const result = await build({
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
  banner: { js: banner },
  metafile: true,
  logLevel: "warning",
});
writeNotices(result.metafile);
shortenDependencySources(`${root}/dist/index.js.map`);

/**
 * Writes dist/THIRD-PARTY-NOTICES.md: name, version and licence text of every package whose
 * code the bundle holds (the inlined dependencies and what they pulled in), as their licences
 * ask of a redistributed copy. Only the packages actually found in the bundle are listed.
 */
function writeNotices(metafile) {
  const bundled = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    // The last node_modules segment names the package the file belongs to (pnpm's store path
    // and nested installs have several).
    const match = /node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\/(?!.*node_modules\/)/.exec(input);
    if (match) bundled.set(match[1], join(root, input));
  }
  const sections = [];
  for (const [name, file] of [...bundled].sort(([a], [b]) => a.localeCompare(b))) {
    const dir = packageRoot(name, file);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const texts = [readLicence(dir), readOptional(join(dir, "NOTICE"))].filter(Boolean);
    sections.push(`## ${pkg.name} ${pkg.version} (${pkg.license})\n\n${texts.join("\n\n")}`);
  }
  const notices = join(root, "dist", "THIRD-PARTY-NOTICES.md");
  if (sections.length === 0) {
    rmSync(notices, { force: true });
    return;
  }
  writeFileSync(
    notices,
    `# Third-party code in ${manifest.name}'s dist/index.js\n\n${sections.join("\n\n")}\n`,
  );
}

/**
 * Source map paths of inlined dependencies point into the workspace's pnpm store
 * (`../../node_modules/.pnpm/x@1.0.0/node_modules/x/...`); they become `../node_modules/x/...`,
 * a name that means something to a user. The code itself is embedded (`sourcesContent`).
 */
function shortenDependencySources(mapFile) {
  const map = JSON.parse(readFileSync(mapFile, "utf8"));
  map.sources = map.sources.map((source) =>
    source.includes("node_modules/")
      ? `../node_modules/${source.split("node_modules/").at(-1)}`
      : source,
  );
  writeFileSync(mapFile, JSON.stringify(map));
}

function packageRoot(name, file) {
  let dir = dirname(file);
  while (!dir.endsWith(`node_modules/${name}`)) {
    if (dirname(dir) === dir) throw new Error(`no node_modules/${name} folder above ${file}`);
    dir = dirname(dir);
  }
  return dir;
}

function readLicence(dir) {
  const names = [
    "LICENSE",
    "LICENSE.md",
    "LICENSE.txt",
    "LICENCE",
    "LICENCE.md",
    "license",
    "license.md",
  ];
  for (const name of names) {
    const text = readOptional(join(dir, name));
    if (text) return text;
  }
  throw new Error(`no licence file in ${dir}: add its name to readLicence`);
}

function readOptional(file) {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}
