import stringWidth from "string-width";
import { wrapText } from "../internal/wrap-text.js";
import { MAX_PREVIEW_LINES, type WorkspaceView } from "../state/workspace-view.js";
import { formatBytes } from "./format.js";

/** One row of `/files` output and how it is colored. */
export interface WorkspaceLine {
  readonly text: string;
  readonly tone: "title" | "folder" | "file" | "muted" | "content";
  /** Right-aligned size of a file row, already padded into the row's width. */
  readonly size?: string;
}

/** Columns of the size column (`1023.9 KB` fits). */
const SIZE_COLUMNS = 9;

/**
 * Lays out what `/files` shows as rows no wider than `width`: a title, then the tree (names
 * cut with `…` so that the size column always fits) or the file's text (wrapped under a `│ `
 * gutter), then what was left out.
 */
export function workspaceLines(view: WorkspaceView, width: number): readonly WorkspaceLine[] {
  const columns = Math.max(20, width);
  if (view.type === "file") {
    const title = fit(`▤ ${view.path} · ${formatBytes(view.sizeBytes)}`, columns);
    const lines: WorkspaceLine[] = [{ text: title, tone: "title" }];
    if (view.binary) {
      lines.push({ text: "  binary file: its content is not shown", tone: "muted" });
      return lines;
    }
    if (view.text === "" && view.moreBytes === 0) {
      lines.push({ text: "  (empty)", tone: "muted" });
      return lines;
    }
    for (const row of wrapText(view.text, columns - 4).split("\n")) {
      lines.push({ text: `  │ ${row}`, tone: "content" });
    }
    const left = [
      view.moreLines > 0 ? `${view.moreLines} more lines` : undefined,
      view.moreBytes > 0 ? `${formatBytes(view.moreBytes)} not fetched` : undefined,
    ].filter(Boolean);
    if (left.length > 0) {
      lines.push({
        text: fit(`  … ${left.join(", ")} (first ${MAX_PREVIEW_LINES} lines shown)`, columns),
        tone: "muted",
      });
    }
    return lines;
  }
  const files = `${view.fileCount} file${view.fileCount === 1 ? "" : "s"}`;
  const lines: WorkspaceLine[] = [
    {
      text: fit(`▤ Workspace ${view.root} · ${files}, ${formatBytes(view.totalBytes)}`, columns),
      tone: "title",
    },
  ];
  if (view.entries.length === 0) {
    lines.push({
      text: view.root === "/" ? "  empty: the agent has written no file yet" : "  empty folder",
      tone: "muted",
    });
  }
  for (const entry of view.entries) {
    const indent = "  ".repeat(entry.depth + 1);
    if (entry.isDirectory) {
      lines.push({ text: fit(`${indent}${entry.name}/`, columns), tone: "folder" });
      continue;
    }
    const room = columns - SIZE_COLUMNS - 1;
    const name = fit(`${indent}${entry.name}`, room);
    lines.push({
      text: name + " ".repeat(Math.max(1, room - stringWidth(name) + 1)),
      tone: "file",
      size: formatBytes(entry.sizeBytes).padStart(SIZE_COLUMNS),
    });
  }
  if (view.more > 0) {
    lines.push({
      text: fit(`  … ${view.more} more (/files <folder> lists one folder)`, columns),
      tone: "muted",
    });
  }
  return lines;
}

/** Cuts text to `columns` display columns, ending with `…` when cut. */
export function fit(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text;
  let out = "";
  for (const char of text) {
    if (stringWidth(`${out}${char}…`) > columns) break;
    out += char;
  }
  return `${out}…`;
}
