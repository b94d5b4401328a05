/**
 * Finds where a streaming markdown text can be cut so that the part before the cut renders
 * the same on its own as it would inside the whole text: the end of the last blank line that
 * lies outside a fenced code block. Returns 0 when there is no such place yet.
 *
 * The text must start outside a code fence (true for every tail the reducer keeps, since it
 * only ever cuts outside fences).
 */
export function findSafeSplit(text: string): number {
  let fence: { char: string; length: number } | undefined;
  let split = 0;
  let sawContent = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf("\n", lineStart);
    // The last line is still being written: it is never a boundary.
    if (newline === -1) break;
    const line = text.slice(lineStart, newline);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (marker?.[1] && marker[1][0] === fence.char && marker[1].length >= fence.length) {
        if (line.trim() === marker[1]) fence = undefined;
      }
    } else if (marker?.[1]) {
      fence = { char: marker[1][0] ?? "`", length: marker[1].length };
      sawContent = true;
    } else if (line.trim() === "") {
      if (sawContent) split = newline + 1;
    } else {
      sawContent = true;
    }
    lineStart = newline + 1;
  }
  return split;
}
