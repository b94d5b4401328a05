import { createHash } from "node:crypto";
import { ApiProblem } from "../http/problem.js";

/** Largest file accepted, in bytes (512 KiB: its base64 form still fits a 1 MiB JSON body). */
export const MAX_FILE_BYTES = 512 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The bytes of content sent as `text` (UTF-8, the default) or `base64`: 400 `invalid_base64`
 * for malformed base64, 413 `file_too_large` beyond {@link MAX_FILE_BYTES}.
 */
export function decodeContent(content: string, encoding: string | null | undefined): Uint8Array {
  let bytes: Uint8Array;
  if (encoding === "base64") {
    const compact = content.replace(/\s+/g, "");
    if (!BASE64.test(compact)) {
      throw new ApiProblem(400, "invalid_base64", "content is not valid base64.");
    }
    bytes = new Uint8Array(Buffer.from(compact, "base64"));
  } else {
    bytes = new TextEncoder().encode(content);
  }
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new ApiProblem(
      413,
      "file_too_large",
      `The file is ${bytes.byteLength} bytes; the limit is ${MAX_FILE_BYTES} bytes (512 KiB).`,
    );
  }
  return bytes;
}

/**
 * Content as answered: `text` when the bytes are valid UTF-8 without NUL, else `base64`, so a
 * binary file always round-trips byte for byte.
 */
export function encodeContent(bytes: Uint8Array): { content: string; encoding: "text" | "base64" } {
  if (!bytes.includes(0)) {
    try {
      return { content: utf8.decode(bytes), encoding: "text" };
    } catch {
      // not UTF-8: fall through to base64
    }
  }
  return { content: Buffer.from(bytes).toString("base64"), encoding: "base64" };
}

/** Whether the bytes are UTF-8 text (what `preview` and `grep` read). */
export function isText(bytes: Uint8Array): boolean {
  return encodeContent(bytes).encoding === "text";
}

/** SHA-256 of the bytes, hex. */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const TYPES: Record<string, string> = {
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  ts: "text/plain; charset=utf-8",
  json: "application/json",
  yaml: "application/yaml",
  yml: "application/yaml",
  xml: "application/xml",
  pdf: "application/pdf",
  zip: "application/zip",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
};

/** A content type guessed from a file name's extension; `application/octet-stream` otherwise. */
export function contentTypeFor(name: string): string {
  const dot = name.lastIndexOf(".");
  const extension = dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
  return TYPES[extension] ?? "application/octet-stream";
}
