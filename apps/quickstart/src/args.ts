import { parseArgs } from "node:util";

/** The notebook's question, asked when no `--message` is given. */
export const DEFAULT_MESSAGE = "What does Everruns do, and why would a product team use it?";

/** Default limit for the whole turn, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 120;

/** What the command line asked for. */
export interface QuickstartArgs {
  url: string | undefined;
  key: string | undefined;
  message: string;
  json: boolean;
  local: boolean;
  timeoutMs: number;
  help: boolean;
  /** The named example to run (`notebook` when none is named). */
  example: string;
  /** Print the named examples and exit. */
  list: boolean;
}

/** The named examples: `notebook` is the default. */
export const EXAMPLES = {
  notebook: "Create an agent, open a session, send a message and stream the reply (the notebook).",
  memories: "Create a memory, write files into it, list, read and grep them.",
  workspaces:
    "Create a workspace; create, list, read, move and delete files; read back a session's initial files.",
} as const;

/** The name of a named example. */
export type ExampleName = keyof typeof EXAMPLES;

/** Thrown for flags we cannot use; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: everruns-quickstart [example] [options]

Runs a named example (default: notebook, which creates an agent, starts a Generic harness
session, sends one message and streams the reply, like the Everruns quickstart notebook).
Examples: ${Object.keys(EXAMPLES).join(", ")} (--list describes them).

Options:
  --url <url>         API base URL (default: $EVERRUNS_API_URL, else https://app.everruns.com/api)
  --key <key>         API key (default: $EVERRUNS_API_KEY; "dev" for non-hosted servers)
  --message <text>    The question to ask (default: the notebook's question)
  --json              Print only the final result object as JSON
  --local             Run against an embedded dev server, whatever the environment says
  --timeout <seconds> Limit for the whole turn (default: ${DEFAULT_TIMEOUT_SECONDS})
  --list              List the named examples
  -h, --help          Show this help

With neither EVERRUNS_API_URL nor EVERRUNS_API_KEY set, it runs against an embedded dev server
(simulated model, in-memory database), so it works offline.`;

/** Parses `argv` (without node and script); throws {@link UsageError} on bad flags. */
export function parseQuickstartArgs(argv: string[]): QuickstartArgs {
  let values: ReturnType<typeof parse>["values"];
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const timeoutSeconds =
    values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new UsageError(`--timeout must be a positive number of seconds, got "${values.timeout}"`);
  }
  const [example = "notebook", ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  if (!Object.hasOwn(EXAMPLES, example)) {
    throw new UsageError(
      `Unknown example "${example}"; the examples are: ${Object.keys(EXAMPLES).join(", ")}`,
    );
  }
  if (values.message !== undefined && values.message.trim() === "") {
    throw new UsageError("--message must not be empty");
  }
  return {
    url: values.url,
    key: values.key,
    message: values.message ?? DEFAULT_MESSAGE,
    json: values.json ?? false,
    local: values.local ?? false,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    help: values.help ?? false,
    example,
    list: values.list ?? false,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      url: { type: "string" },
      key: { type: "string" },
      message: { type: "string", short: "m" },
      json: { type: "boolean" },
      local: { type: "boolean" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
      list: { type: "boolean" },
    },
  });
}
