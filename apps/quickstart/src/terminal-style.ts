import { stripVTControlCharacters } from "node:util";

/** ANSI styling that honours NO_COLOR and non-TTY output. */
export interface Style {
  dim(text: string): string;
  bold(text: string): string;
  cyan(text: string): string;
  red(text: string): string;
}

/** Styles for a stream: plain when it is not a terminal or `NO_COLOR` is set. */
export function styleFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Style {
  const color = Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== "dumb";
  const wrap = (open: number, close: number) => (text: string) =>
    color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { dim: wrap(2, 22), bold: wrap(1, 22), cyan: wrap(36, 39), red: wrap(31, 39) };
}

/** Removes terminal control sequences from text we did not write (server messages). */
export function plain(text: string): string {
  return stripVTControlCharacters(text)
    .replace(/[\r\n]+/g, " ")
    .trim();
}
