import { stripVTControlCharacters } from "node:util";
import { Marked } from "marked";
import { markedTerminal } from "marked-terminal";

const renderers = new Map<string, Marked>();

/**
 * True when the terminal is known to show OSC 8 hyperlinks: `FORCE_HYPERLINK=1` (or `0` to
 * turn them off), else iTerm2, WezTerm, VS Code, Windows Terminal, kitty, or a VTE terminal
 * (GNOME Terminal and friends) recent enough. Inside tmux, only when forced: tmux passes
 * them on only when configured to.
 */
export function supportsHyperlinks(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_HYPERLINK !== undefined) return env.FORCE_HYPERLINK !== "0";
  if (env.TMUX) return false;
  if (["iTerm.app", "WezTerm", "vscode"].includes(env.TERM_PROGRAM ?? "")) return true;
  if (env.WT_SESSION || env.KITTY_WINDOW_ID) return true;
  return Number(env.VTE_VERSION ?? 0) >= 5000;
}

/** An OSC 8 hyperlink: `text` shown, `url` opened on click. */
export function hyperlink(text: string, url: string): string {
  return `\x1b]8;;${url}\x07${text}\x1b]8;;\x07`;
}

/**
 * Renders markdown for the terminal with marked + marked-terminal (headings, lists,
 * emphasis, inline code, fenced code with highlighting), laid out for `width` columns
 * (paragraphs stay one line each: the view wraps them, with hanging indents).
 * Without color, escape sequences are stripped. Trailing blank lines are dropped: the
 * transcript sets its own spacing.
 */
export function renderMarkdown(
  markdown: string,
  width: number,
  color: boolean,
  hyperlinks: boolean = supportsHyperlinks(),
): string {
  const columns = Math.max(20, Math.floor(width));
  const links = hyperlinks && color;
  const cacheKey = `${columns}:${links}`;
  let marked = renderers.get(cacheKey);
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
        // Where the terminal shows OSC 8 links, the text is the link (no URL in brackets).
        link(token) {
          if (!links || !/^(https?|mailto):/i.test(token.href)) return false;
          return hyperlink(this.parser.parseInline(token.tokens), token.href);
        },
      },
    });
    renderers.set(cacheKey, marked);
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
