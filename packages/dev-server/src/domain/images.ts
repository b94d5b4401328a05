import { PNG } from "pngjs";
import { ApiProblem } from "../http/problem.js";

/** Largest image accepted, in bytes (768 KiB; the whole request is also capped at 1 MiB). */
export const MAX_IMAGE_BYTES = 768 * 1024;
/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 256;

/** The kind of an image, told from its first bytes (never from the name or the part's type). */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP") {
    return "image/webp";
  }
  return undefined;
}

/** Checks an upload's bytes: 413 `image_too_large`, 415 `unsupported_image_type`. */
export function checkImage(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new ApiProblem(
      413,
      "image_too_large",
      `The image is ${bytes.byteLength} bytes; the limit is ${MAX_IMAGE_BYTES} bytes (768 KiB).`,
    );
  }
  const type = sniffImageType(bytes);
  if (!type) {
    throw new ApiProblem(
      415,
      "unsupported_image_type",
      "The file is not a PNG, JPEG, GIF or WebP image.",
    );
  }
  return type;
}

/** Width and height read from a PNG or GIF header; empty for other kinds. */
export function imageSize(bytes: Uint8Array, type: string): { width?: number; height?: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === "image/png" && bytes.byteLength >= 24) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (type === "image/gif" && bytes.byteLength >= 10) {
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  return {};
}

/**
 * A thumbnail of the same kind. A PNG larger than {@link THUMBNAIL_SIZE} on a side is scaled
 * down (nearest neighbour, via pngjs); every other image, and a PNG pngjs cannot decode, is
 * answered as it is: the dev server carries no codec for JPEG, GIF or WebP (our choice).
 */
export function thumbnailOf(bytes: Uint8Array, type: string): Uint8Array {
  if (type !== "image/png") return bytes;
  let source: PNG;
  try {
    source = PNG.sync.read(Buffer.from(bytes));
  } catch {
    return bytes;
  }
  const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(source.width, source.height));
  if (scale === 1) return bytes;
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const target = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    const sy = Math.min(source.height - 1, Math.floor(y / scale));
    for (let x = 0; x < width; x += 1) {
      const sx = Math.min(source.width - 1, Math.floor(x / scale));
      source.data.copy(
        target.data,
        (y * width + x) * 4,
        (sy * source.width + sx) * 4,
        (sy * source.width + sx) * 4 + 4,
      );
    }
  }
  return new Uint8Array(PNG.sync.write(target));
}
