import { type Key, useInput } from "ink";
import { useCallback, useRef } from "react";

/** A key press, or a whole paste. */
export type KeyEvent =
  | { readonly kind: "paste"; readonly text: string }
  | { readonly kind: "key"; readonly input: string; readonly key: Key };

/**
 * Ink's `useInput`, plus bracketed paste: everything between the terminal's paste markers
 * (`ESC[200~` … `ESC[201~`, which Ink hands over as `[200~` and `[201~`) is delivered as one
 * `paste` event, however many chunks it arrived in. Without bracketed paste, a chunk of
 * several characters with a newline inside is taken as a paste too; one that only ends with
 * a carriage return is typed text followed by Enter.
 *
 * Keys that arrive together (typed fast, or sent by a script: `/th` then Tab, `Down` then
 * Enter) are delivered one by one, in order: Ink already splits escape sequences, and this
 * splits the rest into runs of text and single control keys (Tab, Enter, Backspace, Ctrl+…).
 */
export function useKeypress(handler: (event: KeyEvent) => void, isActive = true): void {
  const pasting = useRef<string | undefined>(undefined);
  const latest = useRef(handler);
  latest.current = handler;
  const onInput = useCallback((input: string, key: Key) => {
    if (input === "[200~") {
      pasting.current = "";
      return;
    }
    if (pasting.current !== undefined) {
      if (input === "[201~") {
        const text = pasting.current;
        pasting.current = undefined;
        latest.current({ kind: "paste", text });
      } else {
        pasting.current += key.return ? "\n" : key.tab ? "\t" : input;
      }
      return;
    }
    if (input.length > 1 && /[\r\n][\s\S]/.test(input)) {
      // A line break before the end of a chunk: pasted text without bracketed paste.
      latest.current({ kind: "paste", text: input });
      return;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control keys are the point
    if (input.length > 1 && /[\x00-\x1f\x7f]/.test(input)) {
      for (const part of splitControlKeys(input)) latest.current(part);
      return;
    }
    latest.current({ kind: "key", input, key });
  }, []);
  useInput(onInput, { isActive });
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * Splits a chunk with no escape sequence into runs of text and single control keys, each
 * described as Ink would describe it when it arrives alone.
 */
export function splitControlKeys(chunk: string): KeyEvent[] {
  const events: KeyEvent[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control keys are the point
  for (const match of chunk.matchAll(/[^\x00-\x1f\x7f]+|[\x00-\x1f\x7f]/g)) {
    const part = match[0];
    const code = part.charCodeAt(0);
    if (part.length > 1 || (code > 0x1f && code !== 0x7f)) {
      events.push({ kind: "key", input: part, key: NO_KEY });
    } else if (part === "\r") {
      events.push({ kind: "key", input: "\r", key: { ...NO_KEY, return: true } });
    } else if (part === "\t") {
      events.push({ kind: "key", input: "\t", key: { ...NO_KEY, tab: true } });
    } else if (part === "\x7f" || part === "\b") {
      events.push({ kind: "key", input: "", key: { ...NO_KEY, delete: true } });
    } else if (part === "\n") {
      events.push({ kind: "key", input: "\n", key: NO_KEY });
    } else {
      // Ctrl+A is 0x01 … Ctrl+Z is 0x1a.
      const letter = String.fromCharCode(code + 96);
      events.push({ kind: "key", input: letter, key: { ...NO_KEY, ctrl: true } });
    }
  }
  return events;
}
