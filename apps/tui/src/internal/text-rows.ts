import { stripVTControlCharacters } from "node:util";

/**
 * Columns a line takes in a terminal: escape sequences count 0, combining marks 0, East
 * Asian wide characters and most emoji 2. Close enough to size the live region; Ink's own
 * clipping guards the rare miss.
 */
export function displayWidth(line: string): number {
  let width = 0;
  for (const char of stripVTControlCharacters(line)) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || isZeroWidth(code)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

/** Rows `text` fills in a terminal `columns` wide, wrapped at spaces as Ink wraps it. */
export function countRows(text: string, columns: number): number {
  let rows = 0;
  for (const line of text.split("\n")) rows += countLineRows(line, columns);
  return rows;
}

/**
 * Rows one line takes when wrapped at spaces to `columns`, like Ink's word wrap: a word that
 * does not fit starts a new row (with the space before it, which Ink keeps), and a word
 * longer than a row is cut.
 */
export function countLineRows(line: string, columns: number): number {
  const width = Math.max(1, columns);
  let rows = 1;
  let column = 0;
  stripVTControlCharacters(line)
    .split(" ")
    .forEach((word, index) => {
      const length = displayWidth(word) + (index === 0 ? 0 : 1);
      if (column + length <= width) {
        column += length;
        return;
      }
      if (column > 0) rows++;
      rows += Math.floor(Math.max(0, length - 1) / width);
      column = length % width || (length === 0 ? 0 : width);
    });
  return rows;
}

function isZeroWidth(code: number): boolean {
  return (
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0xfe00 && code <= 0xfe0f)
  );
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
