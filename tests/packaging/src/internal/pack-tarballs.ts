import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { describeOutput, runCommand } from "./run-command.js";
import { PUBLISHED_PACKAGES, type PublishedPackage, packageDir } from "./workspace.js";

/** A packed package: where its tarball is and which files it holds. */
export interface PackedTarball {
  /** Absolute path of the `.tgz`. */
  path: string;
  /** Paths of the files inside, relative to the package root (`dist/index.js`). */
  files: string[];
}

declare module "vitest" {
  interface ProvidedContext {
    /** Each published package's tarball, packed once for the whole run. */
    tarballs: Record<PublishedPackage, PackedTarball>;
  }
}

/**
 * Vitest global setup: `pnpm pack`s every published package from its built `dist/` into a
 * temporary directory, exactly as `pnpm release` does (workspace ranges become versions),
 * and hands the tarball paths to the tests. The directory is removed afterwards.
 */
export default async function packTarballs(project: TestProject): Promise<() => Promise<void>> {
  const destination = await mkdtemp(join(tmpdir(), "everruns-tarballs-"));
  const names = Object.keys(PUBLISHED_PACKAGES) as PublishedPackage[];
  const packed = await Promise.all(
    names.map(async (name) => {
      const result = await runCommand(
        "pnpm",
        ["pack", "--pack-destination", destination, "--json"],
        { cwd: packageDir(name) },
      );
      if (result.code !== 0) throw new Error(`pnpm pack ${name} failed\n${describeOutput(result)}`);
      const report = JSON.parse(result.stdout) as { filename: string; files: { path: string }[] };
      const tarball: PackedTarball = {
        path: report.filename,
        files: report.files.map((file) => file.path),
      };
      return [name, tarball] as const;
    }),
  );
  project.provide(
    "tarballs",
    Object.fromEntries(packed) as Record<PublishedPackage, PackedTarball>,
  );
  return () => rm(destination, { recursive: true, force: true });
}
