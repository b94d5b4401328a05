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
    if (input.length > 1 && /[\r\n]/.test(input)) {
      // Keys typed fast (or sent by a script) can arrive in one chunk: "text" then Enter.
      const typed = /^([^\r\n]+)\r$/.exec(input);
      if (typed?.[1]) {
        latest.current({ kind: "key", input: typed[1], key: { ...key, return: false } });
        latest.current({ kind: "key", input: "\r", key: { ...key, return: true } });
        return;
      }
      latest.current({ kind: "paste", text: input });
      return;
    }
    latest.current({ kind: "key", input, key });
  }, []);
  useInput(onInput, { isActive });
}
