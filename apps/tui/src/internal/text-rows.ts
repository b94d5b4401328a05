import stringWidth from "string-width";
import wrapAnsi from "wrap-ansi";

/**
 * Columns a line takes in a terminal (escape sequences 0, wide characters and emoji 2),
 * measured by string-width, the library Ink itself measures with.
 */
export function displayWidth(line: string): number {
  return stringWidth(line);
}

/**
 * Rows `text` fills in a terminal `columns` wide. It wraps with wrap-ansi and the options
 * Ink uses for `wrap="wrap"` text, so the count matches what Ink will draw.
 */
export function countRows(text: string, columns: number): number {
  let rows = 0;
  for (const line of text.split("\n")) rows += countLineRows(line, columns);
  return rows;
}

/** Rows one line (no newline inside) takes when Ink wraps it to `columns`. */
export function countLineRows(line: string, columns: number): number {
  if (line === "") return 1;
  return wrapAnsi(line, Math.max(1, columns), { trim: false, hard: true }).split("\n").length;
}
