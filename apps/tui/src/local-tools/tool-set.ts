import { spawn } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ToolDefinition } from "@everruns/core";
import { confinePath } from "./confine.js";

/** Most characters a tool returns to the model; the rest is cut with a note. */
export const MAX_OUTPUT_CHARS = 20_000;
/** Most entries `list_directory` and matches `search_files` return. */
export const MAX_ENTRIES = 200;
/** How long `run_command` may run, in ms. */
export const COMMAND_TIMEOUT_MS = 30_000;

/** A tool definition the client runs (`type: client_side`). */
export type ClientSideTool = Extract<ToolDefinition, { type: "client_side" }>;

/** Where local tools may act. */
export interface LocalToolContext {
  /** Folders the tools may read (the first one is the working directory). */
  readonly roots: readonly string[];
  /** Aborted when the call timed out or serving stopped: a running command is killed. */
  readonly signal?: AbortSignal;
}

/** One tool this app runs on the user's machine. */
export interface LocalTool {
  /** How the session declares it (`type: client_side`). */
  readonly definition: ClientSideTool;
  /** Runs it; a thrown error is reported to the model as the call's error. */
  run(args: Record<string, unknown>, context: LocalToolContext): Promise<unknown>;
}

const stringArg = (args: Record<string, unknown>, name: string, fallback?: string): string => {
  const value = args[name] ?? fallback;
  if (typeof value !== "string") throw new Error(`"${name}" must be a string.`);
  return value;
};

const cut = (text: string): string =>
  text.length > MAX_OUTPUT_CHARS
    ? `${text.slice(0, MAX_OUTPUT_CHARS)}\n[cut: ${text.length - MAX_OUTPUT_CHARS} more characters]`
    : text;

const readFileTool: LocalTool = {
  definition: {
    type: "client_side",
    name: "read_file",
    description: "Read a text file in the user's working directory.",
    parameters: {
      type: "object",
      properties: {
        path: { type: "string", description: "File path, relative to the working directory." },
      },
      required: ["path"],
    },
  },
  async run(args, { roots }) {
    const path = confinePath(stringArg(args, "path"), roots);
    return {
      path: relative(roots[0] ?? "", path) || ".",
      content: cut(await readFile(path, "utf8")),
    };
  },
};

const listDirectoryTool: LocalTool = {
  definition: {
    type: "client_side",
    name: "list_directory",
    description: "List the entries of a folder in the user's working directory.",
    parameters: {
      type: "object",
      properties: {
        path: { type: "string", description: "Folder, default the working directory." },
      },
      required: [],
    },
  },
  async run(args, { roots }) {
    const path = confinePath(stringArg(args, "path", "."), roots);
    const entries = await readdir(path, { withFileTypes: true });
    return entries
      .slice(0, MAX_ENTRIES)
      .map((entry) => `${entry.name}${entry.isDirectory() ? "/" : ""}`)
      .sort();
  },
};

const searchFilesTool: LocalTool = {
  definition: {
    type: "client_side",
    name: "search_files",
    description:
      "Find lines containing a text in the files under a folder of the user's working directory.",
    parameters: {
      type: "object",
      properties: {
        text: { type: "string", description: "Text to look for (case-insensitive)." },
        path: { type: "string", description: "Folder to search, default the working directory." },
      },
      required: ["text"],
    },
  },
  async run(args, { roots }) {
    const needle = stringArg(args, "text").toLowerCase();
    const base = confinePath(stringArg(args, "path", "."), roots);
    const matches: string[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 8 || matches.length >= MAX_ENTRIES) return;
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (matches.length >= MAX_ENTRIES) return;
        if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full, depth + 1);
        else if (entry.isFile() && (await stat(full)).size <= 1_000_000) {
          const lines = (await readFile(full, "utf8")).split("\n");
          lines.forEach((line, index) => {
            if (matches.length < MAX_ENTRIES && line.toLowerCase().includes(needle)) {
              matches.push(`${relative(base, full)}:${index + 1}: ${line.trim().slice(0, 200)}`);
            }
          });
        }
      }
    };
    await walk(base, 0);
    return matches;
  },
};

const runCommandTool: LocalTool = {
  definition: {
    type: "client_side",
    name: "run_command",
    description: "Run a shell command in the user's working directory and return its output.",
    parameters: {
      type: "object",
      properties: { command: { type: "string", description: "The command line." } },
      required: ["command"],
    },
  },
  run(args, { roots, signal }) {
    const command = stringArg(args, "command");
    return new Promise((resolvePromise, reject) => {
      // Its own process group, so that a kill reaches what the shell started too (a
      // grandchild holding the output pipes would otherwise keep the call open).
      const group = process.platform !== "win32";
      const child = spawn(command, {
        cwd: roots[0],
        shell: true,
        detached: group,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const collect = (chunk: Buffer) => {
        if (output.length <= MAX_OUTPUT_CHARS) output += chunk.toString("utf8");
      };
      child.stdout.on("data", collect);
      child.stderr.on("data", collect);
      const kill = () => {
        try {
          if (group && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
          else child.kill("SIGKILL");
        } catch {
          // Already gone.
        }
      };
      const timer = setTimeout(kill, COMMAND_TIMEOUT_MS);
      signal?.addEventListener("abort", kill, { once: true });
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", kill);
      };
      child.on("error", (error) => {
        done();
        reject(error);
      });
      child.on("close", (code, killedBy) => {
        done();
        resolvePromise({ exit_code: code, signal: killedBy, output: cut(output) });
      });
    });
  },
};

/**
 * The local tool set: read a file, list a folder, search files; `run_command` only when
 * `commands` is set. Every path is confined to the context's roots.
 */
export function localTools(options: { commands?: boolean } = {}): readonly LocalTool[] {
  const tools = [readFileTool, listDirectoryTool, searchFilesTool];
  return options.commands ? [...tools, runCommandTool] : tools;
}
