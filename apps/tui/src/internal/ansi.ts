/** Clears the visible screen only (the scrollback stays) and puts the cursor home: `/clear`. */
export const CLEAR_VISIBLE = "\x1b[2J\x1b[H";
/**
 * Clears the screen and the scrollback and puts the cursor home. Written only when the
 * history must be written again (a resize, the thinking toggle), never while a reply streams.
 */
export const CLEAR_SCREEN = "\x1b[2J\x1b[3J\x1b[H";

/** Turns bracketed paste on: the terminal marks pasted text with `ESC[200~` … `ESC[201~`. */
export const BRACKETED_PASTE_ON = "\x1b[?2004h";
/** Turns bracketed paste off again. */
export const BRACKETED_PASTE_OFF = "\x1b[?2004l";
/** Shows the cursor (Ink hides it while it runs). */
export const SHOW_CURSOR = "\x1b[?25h";

/**
 * OSC 52: asks the terminal to put `text` on the system clipboard. Works over SSH and in
 * tmux (with `set-clipboard` on); terminals that do not allow it ignore the sequence.
 */
export function osc52Copy(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, "utf8").toString("base64")}\x07`;
}
