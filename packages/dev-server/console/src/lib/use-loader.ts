import { useCallback, useEffect, useState } from "react";
import { describeError } from "./describe-error.ts";

/** What {@link useLoader} returns: the value, an error sentence, and a way to load again. */
export interface Loaded<T> {
  value: T | undefined;
  error: string | undefined;
  reload: () => void;
}

/**
 * Runs `load` now and whenever `deps` change or `reload()` is called; an answer that arrives
 * after a newer request started is dropped, so a slow search never overwrites a faster one.
 */
export function useLoader<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what load reads
  useEffect(() => {
    let current = true;
    load().then(
      (result) => {
        if (!current) return;
        setValue(result);
        setError(undefined);
      },
      (caught: unknown) => {
        if (current) setError(describeError(caught));
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { value, error, reload };
}
