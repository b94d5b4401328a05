/** How the console shows a file it downloaded. */
export type FilePreview =
  | { kind: "text"; text: string; truncated: boolean }
  | { kind: "image"; src: string }
  | { kind: "binary" };

/** At most this many bytes of a text file are shown; the rest is for the download. */
export const TEXT_PREVIEW_BYTES = 64 * 1024;

// Shown inline as `data:` URLs, which the page's Content-Security-Policy allows for images.
// An image element never runs an SVG's scripts, so SVG is as safe here as the others.
const IMAGE_TYPES = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/svg+xml",
]);

/**
 * Decides how to show a file from its bytes and content type: an image inline, text (UTF-8
 * without NUL, the first {@link TEXT_PREVIEW_BYTES} at most), or neither ("binary").
 */
export async function previewFile(blob: Blob): Promise<FilePreview> {
  const type = blob.type.split(";")[0]?.trim().toLowerCase() ?? "";
  if (IMAGE_TYPES.has(type)) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return { kind: "image", src: `data:${type};base64,${toBase64(bytes)}` };
  }
  const truncated = blob.size > TEXT_PREVIEW_BYTES;
  const head = new Uint8Array(await blob.slice(0, TEXT_PREVIEW_BYTES).arrayBuffer());
  if (head.includes(0)) return { kind: "binary" };
  try {
    // `stream: true` keeps a character cut in two by the limit from counting as invalid.
    const text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: truncated });
    return { kind: "text", text, truncated };
  } catch {
    return { kind: "binary" };
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: String.fromCharCode with half a megabyte of arguments overflows the stack.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}
