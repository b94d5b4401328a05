/**
 * Node-only helpers of `@everruns/core` (import from `@everruns/core/node`): they read the
 * local filesystem, which browsers cannot, so they stay out of the main entry.
 */
import type { Everruns } from "./client.js";
import type { RequestOptions } from "./request-options.js";
import type { ImageUploadOptions } from "./resources/images.js";
import type { ImageUploadResponse } from "./types.js";

/**
 * Uploads the image file at `path` (its base name is the filename unless `filename` is given).
 *
 * ```ts
 * import { uploadImageFromPath } from "@everruns/core/node";
 * const image = await uploadImageFromPath(client, "./chart.png", { sessionId });
 * ```
 */
export async function uploadImageFromPath(
  client: Everruns,
  path: string,
  uploadOptions: ImageUploadOptions = {},
  options?: RequestOptions,
): Promise<ImageUploadResponse> {
  // Loaded when called, and typed here: the package builds without Node's types, so that
  // nothing Node-only can slip into the browser-safe main entry.
  const fs = (await import("node:fs/promises" as string)) as {
    readFile(path: string): Promise<Uint8Array>;
  };
  const bytes = new Uint8Array(await fs.readFile(path));
  return client.images.upload(
    bytes,
    { ...uploadOptions, filename: uploadOptions.filename ?? baseName(path) },
    options,
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || "image";
}
