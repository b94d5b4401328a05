import { inspect } from "node:util";

/**
 * Collects every text the code under test produced (dev server log lines, the CLI's stderr,
 * SDK error messages) and checks that none contains a secret. The suite's keys look like
 * personal access tokens so that a leak is unmistakable.
 */
export class SecretWatch {
  readonly #secrets: readonly string[];
  readonly #texts: { source: string; text: string }[] = [];

  constructor(secrets: readonly string[]) {
    this.#secrets = secrets;
  }

  /** A `log` option for `startDevServer`: keeps every line. */
  readonly log = (line: string): void => {
    this.#texts.push({ source: "server log", text: line });
  };

  /** Keeps a chunk of output (e.g. a child process's stderr). */
  output(source: string, text: string): void {
    this.#texts.push({ source, text });
  }

  /** Keeps everything an error shows: message, `String()`, stack and `util.inspect` (with causes). */
  error(error: unknown): void {
    const shown =
      error instanceof Error
        ? [error.message, String(error), error.stack ?? "", inspect(error, { depth: 6 })]
        : [String(error)];
    for (const text of shown) this.#texts.push({ source: "SDK error", text });
  }

  /** How many texts were collected (a scan of nothing proves nothing). */
  get size(): number {
    return this.#texts.length;
  }

  /** Every collected text that contains a secret, with where it came from. */
  leaks(): { source: string; text: string }[] {
    return this.#texts.filter(({ text }) => this.#secrets.some((secret) => text.includes(secret)));
  }
}

/** A token shaped like a personal access token, unique to one test file. */
export function suiteToken(name: string): string {
  return `evr_pat_reliability_${name}_${"s3cr3t".repeat(4)}`;
}
