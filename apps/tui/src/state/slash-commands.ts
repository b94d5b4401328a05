/** A command typed as `/name [argument]` in the input box. */
export interface SlashCommand {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
}

/** Every slash command, in the order `/help` lists them. */
export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { name: "help", usage: "/help", description: "show commands and keys" },
  { name: "new", usage: "/new", description: "start a new session with the same agent" },
  {
    name: "session",
    usage: "/session",
    description: "show the session's full id and resume command",
  },
  {
    name: "sessions",
    usage: "/sessions",
    description: "find and resume a session (type to search)",
  },
  {
    name: "agents",
    usage: "/agents [new]",
    description: "pick an agent (or /agents <name>); new: create one",
  },
  {
    name: "files",
    usage: "/files [path]",
    description: "the session's workspace files, or one file's content",
  },
  { name: "model", usage: "/model", description: "pick a model; opens a new session with it" },
  { name: "harness", usage: "/harness", description: "pick a harness; opens a new session" },
  {
    name: "export",
    usage: "/export [file]",
    description: "save the transcript (.md) or the session's events (.jsonl)",
  },
  { name: "retry", usage: "/retry", description: "send your last message again" },
  { name: "copy", usage: "/copy", description: "copy the last reply to the clipboard (OSC 52)" },
  {
    name: "events",
    usage: "/events",
    description: "browse the session's events: filter, pretty JSON",
  },
  { name: "thinking", usage: "/thinking", description: "expand or collapse thinking (Ctrl+T)" },
  {
    name: "clear",
    usage: "/clear",
    description: "new conversation on a clean screen (scrollback kept)",
  },
  { name: "exit", usage: "/exit", description: "quit (also Ctrl+D)" },
];

/**
 * The commands the input may be the start of, for completion hints: the input must be a
 * slash followed by the beginning of a name, with nothing after it yet.
 */
export function completeSlashCommand(input: string): readonly SlashCommand[] {
  const match = /^\/([a-z]*)$/.exec(input);
  if (!match) return [];
  const prefix = match[1] ?? "";
  return SLASH_COMMANDS.filter((command) => command.name.startsWith(prefix));
}

/** A parsed slash command: its name (resolved from a unique prefix) and argument. */
export interface ParsedSlashCommand {
  readonly name: string;
  readonly argument: string;
}

/**
 * Parses `/name [argument]`. A unique prefix names its command (`/ses` is `/sessions`);
 * `undefined` when the text is not a slash command at all; `name: ""` for an unknown one.
 */
export function parseSlashCommand(text: string): ParsedSlashCommand | undefined {
  const match = /^\/([a-z]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const typed = match[1] ?? "";
  const argument = (match[2] ?? "").trim();
  const exact = SLASH_COMMANDS.find((command) => command.name === typed);
  if (exact) return { name: exact.name, argument };
  if (typed === "quit") return { name: "exit", argument };
  const candidates = SLASH_COMMANDS.filter((command) => command.name.startsWith(typed));
  return { name: candidates.length === 1 ? (candidates[0]?.name ?? "") : "", argument };
}
