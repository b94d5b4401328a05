import { parseArgs } from "node:util";
import { OUTPUT_FORMATS, type OutputFormat } from "./print-mode.js";

/** Options of the `everruns-tui` command line. */
export interface CliOptions {
  readonly url?: string;
  readonly key?: string;
  readonly org?: string;
  readonly agent?: string;
  readonly session?: string;
  readonly harness?: string;
  readonly print?: string;
  /** Keep the embedded dev server in memory: nothing is left behind on exit. */
  readonly ephemeral?: boolean;
  /**
   * `--resume <id>` resumes that session (a full id, or the end of one such as the footer's
   * 8 characters); `--resume` alone opens the session picker. `--session <id>` is the same.
   */
  readonly resume?: { readonly sessionId?: string };
  /** `--continue`: resume the server's most recent session. */
  readonly continue?: boolean;
  /** `--local-tools`: let the agent read, list and search files here, after approval. */
  readonly localTools?: boolean;
  /** `--allow-commands`: add `run_command` to the local tools (implies `--local-tools`). */
  readonly allowCommands?: boolean;
  /** `--allow-dir <dir>` (repeatable): more folders local tools may read. */
  readonly allowDirs?: readonly string[];
  /** How `--print` writes the answer (default `text`). */
  readonly outputFormat?: OutputFormat;
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
  --resume [id]      resume a session (full id or its last characters); without an id,
                     pick one from a list (--session <id> is the same)
  -c, --continue     resume the most recent session
  --ephemeral        keep the embedded dev server in memory (nothing saved)
  --local-tools      let the agent read, list and search files in this folder, each call
                     approved by you (y / n / a = always for this session)
  --allow-commands   also let it run shell commands (implies --local-tools)
  --allow-dir <dir>  one more folder local tools may use (repeatable)
  --harness <name>   harness of new sessions
  -p, --print <text> answer one question without the UI: the answer alone on stdout,
                     progress and errors on stderr
  --output-format <text|json|stream-json>
                     with --print: the reply's text (default), one JSON object at the
                     end, or every event of the turn as a JSON line
  -h, --help         show this help

Exit codes: 0 done · 1 the turn failed · 2 bad flags or no question · 3 the server could
not be reached or refused (key, agent, session) · 130 cancelled.

With neither a URL nor a key, an embedded dev server (simulated model) starts; its sessions
are kept in $XDG_DATA_HOME/everruns-tui (default ~/.local/share/everruns-tui).
Keys: Enter send · Shift+Enter or trailing \\ new line · Esc cancel · Ctrl+D quit · /help`;

/** Parses `process.argv.slice(2)`. Unknown options and stray arguments are errors. */
export function parseCliArgs(argv: readonly string[]): ParsedCli {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(withOptionalResumeValue(argv));
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
  for (const name of ["url", "key", "org", "agent", "harness", "print"] as const) {
    const value = values[name];
    if (value !== undefined) options[name] = value;
  }
  if (values.ephemeral) options.ephemeral = true;
  if (values["local-tools"] || values["allow-commands"]) options.localTools = true;
  if (values["allow-commands"]) options.allowCommands = true;
  if (values["allow-dir"]?.length) options.allowDirs = values["allow-dir"];
  if (values["output-format"] !== undefined) {
    const format = values["output-format"];
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
      return {
        kind: "error",
        message: `--output-format must be one of ${OUTPUT_FORMATS.join(", ")}, not "${format}".`,
      };
    }
    options.outputFormat = format as OutputFormat;
  }
  if (values.continue) options.continue = true;
  const resumeId = values.session ?? values.resume;
  if (values.session !== undefined && values.resume !== undefined) {
    return { kind: "error", message: "Give either --resume or --session, not both." };
  }
  if (resumeId !== undefined) {
    const sessionId = resumeId.trim();
    options.resume = sessionId ? { sessionId } : {};
  }
  if (options.resume && options.continue) {
    return { kind: "error", message: "Give either --resume or --continue, not both." };
  }
  if (options.print !== undefined && options.resume && !options.resume.sessionId) {
    return { kind: "error", message: "With -p, --resume needs a session id (or use --continue)." };
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
      resume: { type: "string" },
      continue: { type: "boolean", short: "c" },
      ephemeral: { type: "boolean" },
      "output-format": { type: "string" },
      "local-tools": { type: "boolean" },
      "allow-commands": { type: "boolean" },
      "allow-dir": { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
}

// `parseArgs` has no options with an optional value: `--resume` followed by a flag (or by
// nothing) becomes `--resume=` (an empty id, which means "pick one").
function withOptionalResumeValue(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg !== "--resume") {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("-")) {
      out.push(`--resume=${next}`);
      i++;
    } else {
      out.push("--resume=");
    }
  }
  return out;
}
