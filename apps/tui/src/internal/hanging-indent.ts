import { stripVTControlCharacters } from "node:util";
import { countLineRows } from "./text-rows.js";

/** A rendered line cut into its indent (with a list marker, if any) and its body. */
export interface IndentedLine {
  readonly indent: string;
  readonly indentWidth: number;
  readonly body: string;
}

const ESC = 0x1b;
/** What follows ESC in a CSI sequence (`[1m`, `[39m`, ...). */
const CSI_BODY = /^\[[0-9;?]*[ -/]*[@-~]/;
const PREFIX = /^(\s*(?:(?:[*•+-]|\d+[.)])\s+)?)/;

/**
 * Splits rendered (possibly colored) markdown into lines with their indent, so each line
 * can wrap with a hanging indent: a wrapped list item continues under its text, not under
 * its bullet.
 */
export function splitIndents(rendered: string): IndentedLine[] {
  return rendered.split("\n").map((line) => {
    const visible = stripVTControlCharacters(line);
    const width = (PREFIX.exec(visible)?.[1] ?? "").length;
    if (width === 0 || width >= visible.length) return { indent: "", indentWidth: 0, body: line };
    const cut = indexAfterColumns(line, width);
    return { indent: line.slice(0, cut), indentWidth: width, body: line.slice(cut) };
  });
}

/** Rows the lines take in `width` columns, each wrapped under its indent. */
export function countIndentedRows(lines: readonly IndentedLine[], width: number): number {
  let rows = 0;
  for (const line of lines) {
    rows += countLineRows(line.body, Math.max(1, width - line.indentWidth));
  }
  return rows;
}

/** Index in `line` just after its first `columns` visible characters (escapes skipped). */
function indexAfterColumns(line: string, columns: number): number {
  let seen = 0;
  let index = 0;
  while (index < line.length && seen < columns) {
    if (line.charCodeAt(index) === ESC) {
      const match = CSI_BODY.exec(line.slice(index + 1));
      index += 1 + (match ? match[0].length : 0);
      continue;
    }
    seen++;
    index++;
  }
  return index;
}
