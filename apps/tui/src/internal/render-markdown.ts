import { stripVTControlCharacters } from "node:util";
import { Marked } from "marked";
import { markedTerminal } from "marked-terminal";

const renderers = new Map<number, Marked>();

/**
 * Renders markdown for the terminal with marked + marked-terminal (headings, lists,
 * emphasis, inline code, fenced code with highlighting), laid out for `width` columns
 * (paragraphs stay one line each: the view wraps them, with hanging indents).
 * Without color, escape sequences are stripped. Trailing blank lines are dropped: the
 * transcript sets its own spacing.
 */
export function renderMarkdown(markdown: string, width: number, color: boolean): string {
  const columns = Math.max(20, Math.floor(width));
  let marked = renderers.get(columns);
  if (!marked) {
    marked = new Marked(
      markedTerminal(
        { width: columns, reflowText: false, tab: 2, emoji: false },
        {
          ignoreIllegals: true,
        },
      ),
    );
    // marked-terminal 7 prints the inline tokens of list items as raw markdown (`*x*`) with
    // marked 15; rendering a text token's children inline fixes emphasis and code in lists.
    marked.use({
      renderer: {
        text(token) {
          return "tokens" in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
        },
      },
    });
    renderers.set(columns, marked);
  }
  let output: string;
  try {
    output = marked.parse(markdown, { async: false });
  } catch {
    // A renderer bug must never take the chat down: show the source instead.
    output = markdown;
  }
  output = output.replace(/\s+$/, "");
  return color ? output : stripVTControlCharacters(output);
}
