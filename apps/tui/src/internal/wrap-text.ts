import wrapAnsi from "wrap-ansi";

/**
 * Wraps text (escape sequences allowed) to `columns`, as Ink would, but without the space
 * Ink leaves at the start of a wrapped row: Ink wraps with `trim: false`, which keeps the
 * space it broke at. Each line keeps its own leading indent, also on its wrapped rows.
 * The result has no row wider than `columns`, so Ink draws it as is.
 */
export function wrapText(text: string, columns: number): string {
  return text
    .split("\n")
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
      const body = line.slice(indent.length);
      if (body === "") return line;
      const room = Math.max(1, columns - indent.length);
      return wrapAnsi(body, room, { hard: true, trim: true })
        .split("\n")
        .map((row) => indent + row)
        .join("\n");
    })
    .join("\n");
}
