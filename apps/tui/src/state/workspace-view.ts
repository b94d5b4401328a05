import type { FileInfo } from "@everruns/core";

/** Most entries `/files` lists; the rest are counted in `more`. */
export const MAX_LISTED_ENTRIES = 200;
/** Most bytes of a file `/files <path>` fetches (the rest is never downloaded). */
export const MAX_PREVIEW_BYTES = 64 * 1024;
/** Most lines of a file `/files <path>` shows. */
export const MAX_PREVIEW_LINES = 200;

/** One row of a workspace listing, in tree order. */
export interface WorkspaceEntry {
  /** Full path in the workspace, starting with `/`. */
  readonly path: string;
  /** Last segment of the path. */
  readonly name: string;
  /** Levels below the listed folder (0 for its own entries). */
  readonly depth: number;
  readonly isDirectory: boolean;
  readonly sizeBytes: number;
}

/** A folder of the session's workspace, with everything under it (`/files`, `/files dir`). */
export interface WorkspaceListing {
  readonly type: "listing";
  /** The folder listed, starting with `/`. */
  readonly root: string;
  /** At most {@link MAX_LISTED_ENTRIES}, in tree order. */
  readonly entries: readonly WorkspaceEntry[];
  /** Entries left out of `entries`. */
  readonly more: number;
  /** Files (not folders) in the whole listing, and their total size. */
  readonly fileCount: number;
  readonly totalBytes: number;
}

/** The beginning of one file of the workspace (`/files path`). */
export interface WorkspaceFile {
  readonly type: "file";
  readonly path: string;
  readonly sizeBytes: number;
  /** True when the content is not UTF-8 text: nothing of it is shown. */
  readonly binary: boolean;
  /** The text shown (at most {@link MAX_PREVIEW_LINES} lines), control characters removed. */
  readonly text: string;
  /** Lines left out after `text`, when known (the whole file was fetched). */
  readonly moreLines: number;
  /** Bytes never fetched (beyond {@link MAX_PREVIEW_BYTES}). */
  readonly moreBytes: number;
}

/** What `/files` shows. */
export type WorkspaceView = WorkspaceListing | WorkspaceFile;

/**
 * Orders a recursive listing as a tree (each folder followed by its contents, names compared
 * segment by segment) and keeps the first {@link MAX_LISTED_ENTRIES}.
 */
export function workspaceListing(root: string, files: readonly FileInfo[]): WorkspaceListing {
  const base = segments(root);
  const below = files.filter((file) => {
    const parts = segments(file.path);
    return parts.length > base.length && base.every((part, index) => parts[index] === part);
  });
  const sorted = [...below].sort((a, b) => compareSegments(segments(a.path), segments(b.path)));
  const entries = sorted.slice(0, MAX_LISTED_ENTRIES).map((file) => ({
    path: file.path,
    name: safeText(file.name || (segments(file.path).at(-1) ?? file.path)),
    depth: segments(file.path).length - base.length - 1,
    isDirectory: file.is_directory,
    sizeBytes: file.size_bytes,
  }));
  const onlyFiles = below.filter((file) => !file.is_directory);
  return {
    type: "listing",
    root: `/${base.join("/")}`,
    entries,
    more: sorted.length - entries.length,
    fileCount: onlyFiles.length,
    totalBytes: onlyFiles.reduce((sum, file) => sum + file.size_bytes, 0),
  };
}

/**
 * The preview of a file from its first bytes: binary when they hold a NUL or are not UTF-8
 * (a character cut at the end of a partial read does not count), else at most
 * {@link MAX_PREVIEW_LINES} lines of text.
 */
export function workspaceFile(
  path: string,
  sizeBytes: number,
  head: Uint8Array,
  complete: boolean,
): WorkspaceFile {
  const moreBytes = Math.max(0, sizeBytes - head.byteLength);
  let decoded: string;
  try {
    if (head.includes(0)) throw new Error("NUL");
    // `stream: true` keeps a trailing, cut multi-byte character back instead of failing.
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !complete });
  } catch {
    return { type: "file", path, sizeBytes, binary: true, text: "", moreLines: 0, moreBytes };
  }
  const lines = decoded.replace(/\r\n/g, "\n").split("\n");
  if (lines.at(-1) === "") lines.pop();
  const shown = lines.slice(0, MAX_PREVIEW_LINES);
  return {
    type: "file",
    path,
    sizeBytes,
    binary: false,
    text: shown.map(safeText).join("\n"),
    moreLines: lines.length - shown.length,
    moreBytes,
  };
}

/**
 * Text safe to write to a terminal: tabs become spaces and every other control character
 * (escape sequences a file could carry) becomes `�`.
 */
export function safeText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/\t/g, "  ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd");
}

function segments(path: string): string[] {
  return path.split("/").filter((part) => part !== "");
}

function compareSegments(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const left = a[index] as string;
    const right = b[index] as string;
    if (left !== right) return left < right ? -1 : 1;
  }
  return a.length - b.length;
}
