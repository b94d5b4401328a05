import { parseArgs } from "node:util";

/** Options of the `everruns-tui` command line. */
export interface CliOptions {
  readonly url?: string;
  readonly key?: string;
  readonly org?: string;
  readonly agent?: string;
  readonly session?: string;
  readonly harness?: string;
  readonly print?: string;
}

/** The outcome of parsing the command line. */
export type ParsedCli =
  | { readonly kind: "run"; readonly options: CliOptions }
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string };

/** Text of `everruns-tui --help`. */
export const HELP_TEXT = `everruns-tui: a terminal chat for Everruns agents

Usage:
  everruns-tui [options]                 open the chat
  everruns-tui -p "question" [options]   answer once and exit (also: echo "question" | everruns-tui)

Options:
  --url <url>        API base URL (env EVERRUNS_API_URL)
  --key <token>      API key (env EVERRUNS_API_KEY)
  --org <id>         organization id (env EVERRUNS_ORG_ID)
  --agent <id|name>  agent to talk to (default: the "everruns-tui" agent, created if missing)
  --session <id>     resume a session, with its history
  --harness <name>   harness of new sessions
  -p, --print <text> answer one question without the UI: the reply on stdout, errors on
                     stderr, exit code 1 when the turn fails
  -h, --help         show this help

With neither a URL nor a key, an embedded dev server (simulated model, in memory) starts.
Keys: Enter send · Shift+Enter or trailing \\ new line · Esc cancel · Ctrl+D quit · /help`;

/** Parses `process.argv.slice(2)`. Unknown options and stray arguments are errors. */
export function parseCliArgs(argv: readonly string[]): ParsedCli {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (positionals.length > 0) {
    return {
      kind: "error",
      message: `Unexpected argument "${positionals[0]}". To ask one question, use -p "question".`,
    };
  }
  const options: { -readonly [K in keyof CliOptions]: CliOptions[K] } = {};
  for (const name of ["url", "key", "org", "agent", "session", "harness", "print"] as const) {
    const value = values[name];
    if (value !== undefined) options[name] = value;
  }
  return { kind: "run", options };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      url: { type: "string" },
      key: { type: "string" },
      org: { type: "string" },
      agent: { type: "string" },
      session: { type: "string" },
      harness: { type: "string" },
      print: { type: "string", short: "p" },
      help: { type: "boolean", short: "h" },
    },
  });
}
