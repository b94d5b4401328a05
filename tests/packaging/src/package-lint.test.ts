import { readFile } from "node:fs/promises";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, inject, it } from "vitest";
import { describeOutput, runCommand } from "./internal/run-command.js";
import {
  ownBin,
  PUBLISHED_PACKAGES,
  type PublishedPackage,
  packageDir,
} from "./internal/workspace.js";

const names = Object.keys(PUBLISHED_PACKAGES) as PublishedPackage[];

/** The problems attw reports in `--format json`, keyed by kind. */
interface AttwReport {
  analysis: { types: { kind: string }; entrypoints: Record<string, unknown> };
  problems: Record<string, { kind: string; entrypoint: string; resolutionKind?: string }[]>;
}

describe.each(names)("the packed %s", (name) => {
  const tarball = inject("tarballs")[name];

  it("passes publint with warnings and suggestions counted as errors", async () => {
    const bytes = await readFile(tarball.path);
    const { messages, pkg } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      level: "suggestion",
      strict: true,
    });
    expect(messages.map((message) => formatMessage(message, pkg, { color: false }))).toEqual([]);
  });

  it("has types that resolve in every module mode (are-the-types-wrong)", async () => {
    // ESM only, on purpose (docs/decisions/005-module-format.md): `require()` of this package
    // loads the ESM build (require(esm), Node ≥ 20.19), which attw's TypeScript still flags as
    // "CJS resolves to ESM". Every other rule applies, node10 and node16-cjs resolution included.
    const result = await runCommand(
      ownBin("attw"),
      [tarball.path, "--ignore-rules", "cjs-resolves-to-esm", "--format", "json"],
      { cwd: packageDir(name) },
    );
    expect(result.code, describeOutput(result)).toBe(0);
    const report = JSON.parse(result.stdout) as AttwReport;
    expect(report.analysis.types.kind).toBe("included");
    expect(Object.keys(report.analysis.entrypoints)).toContain(".");
    const problems = Object.values(report.problems)
      .flat()
      .filter((problem) => problem.kind !== "CJSResolvesToESM");
    expect(problems).toEqual([]);
  });

  it("ships only the build, its sources (for the source maps), bin, README, CHANGELOG, LICENSE and package.json", () => {
    const allowed = /^(dist\/|src\/|bin\/|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/;
    expect(tarball.files.filter((file) => !allowed.test(file))).toEqual([]);
    expect(
      tarball.files.filter((file) => /\.test\.|\.test-d\.|__fixtures__|test-support/.test(file)),
    ).toEqual([]);
    expect(tarball.files).toEqual(
      expect.arrayContaining([
        "dist/index.js",
        "dist/index.d.ts",
        "README.md",
        "LICENSE",
        "package.json",
      ]),
    );
  });

  it("declares the metadata a published package needs", async () => {
    const manifest = JSON.parse(await readFile(`${packageDir(name)}package.json`, "utf8"));
    expect(manifest).toMatchObject({
      name,
      type: "module",
      sideEffects: false,
      license: "MIT",
      engines: { node: ">=20.19" },
      repository: { type: "git", directory: `packages/${PUBLISHED_PACKAGES[name]}` },
      exports: {
        ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
        "./package.json": "./package.json",
      },
    });
    // `types` must come first in each condition object, or TypeScript may never see it.
    expect(Object.keys(manifest.exports["."])[0]).toBe("types");
    expect(manifest.private).toBeUndefined();
  });
});
