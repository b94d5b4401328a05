import { ApiError, AuthenticationError, ConnectionError, ValidationError } from "@everruns/core";

/** Exit codes of `everruns-tui`; documented in `--help` and the README. */
export const EXIT = {
  ok: 0,
  /** The turn failed on the server. */
  turnFailed: 1,
  /** Bad flags or no question. */
  usage: 2,
  /** The server could not be reached, or refused a request (key, agent, session...). */
  server: 3,
  /** The turn was cancelled (Ctrl+C). */
  cancelled: 130,
} as const;

// The client reports its options by their SDK names; users type flags.
const FLAG_OF_FIELD: Record<string, string> = {
  apiKey: "--key (or EVERRUNS_API_KEY)",
  baseUrl: "--url (or EVERRUNS_API_URL)",
  orgId: "--org (or EVERRUNS_ORG_ID)",
};

/**
 * One line that says what went wrong and, where a flag can fix it, which flag: the SDK's
 * option names (`apiKey`, `baseUrl`) become the command line's (`--key`, `--url`). Never
 * contains a key: errors of the core client never carry one.
 */
export function describeError(error: unknown): string {
  if (error instanceof AuthenticationError) {
    return `${error.message} (check --key or EVERRUNS_API_KEY)`;
  }
  if (error instanceof ValidationError) {
    const flag = error.field ? FLAG_OF_FIELD[error.field] : undefined;
    let message = error.message;
    for (const [field, name] of Object.entries(FLAG_OF_FIELD)) {
      message = message.replace(new RegExp(`\\b${field}\\b`, "g"), name.split(" ")[0] as string);
    }
    return flag ? `${message} (set ${flag})` : message;
  }
  if (error instanceof ConnectionError) {
    return `${error.message} (is --url right, and the server running?)`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The exit code for an error that ended the run before or outside a turn. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof ApiError || error instanceof ConnectionError) return EXIT.server;
  if (error instanceof ValidationError) return EXIT.usage;
  return EXIT.server;
}
