import { fileURLToPath } from "node:url";

/** The monorepo's root directory. */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** The packages published to npm, by directory under `packages/`. */
export const PUBLISHED_PACKAGES = {
  "@everruns/core": "core",
  "@everruns/streaming": "streaming",
  "@everruns/dev-server": "dev-server",
} as const;

/** Name of a published package. */
export type PublishedPackage = keyof typeof PUBLISHED_PACKAGES;

/** Absolute directory of a published package in the workspace. */
export function packageDir(name: PublishedPackage): string {
  return fileURLToPath(new URL(`packages/${PUBLISHED_PACKAGES[name]}/`, `file://${REPO_ROOT}`));
}

/** Absolute path of a file of this test package (fixtures, configs). */
export function ownFile(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

/** A binary installed in the workspace root (tsc, typedoc). */
export function rootBin(name: string): string {
  return fileURLToPath(new URL(`node_modules/.bin/${name}`, `file://${REPO_ROOT}`));
}

/** A binary of this test package's own devDependencies (publint, attw, size-limit). */
export function ownBin(name: string): string {
  return ownFile(`node_modules/.bin/${name}`);
}
