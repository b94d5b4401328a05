/** What every named example gets besides the client. */
export interface ExampleContext {
  /** Prints a progress line (silent with `--json`). */
  say: (line: string) => void;
  /** Aborted on timeout or Ctrl-C. */
  signal: AbortSignal;
  /** A short random suffix for names, so runs against a shared server do not collide. */
  suffix: string;
}
