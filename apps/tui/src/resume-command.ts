import type { ServerInfo } from "./chat-controller.js";

/**
 * The command that reopens `sessionId` later: `everruns-tui --resume <id>`, with `--url` for a
 * remote server (never the key: it stays in the environment or the user's own command line).
 * `undefined` when the session cannot outlive the run (embedded dev server in memory).
 */
export function resumeCommand(server: ServerInfo, sessionId: string): string | undefined {
  if (server.ephemeral) return undefined;
  const url = !server.local && server.url ? ` --url ${server.url}` : "";
  return `everruns-tui${url} --resume ${sessionId}`;
}

/** What `/session` shows: the full id and how to come back to it. */
export function describeSession(server: ServerInfo, sessionId: string | undefined): string {
  if (!sessionId) return "No session is open yet: the first message opens one.";
  const command = resumeCommand(server, sessionId);
  return [
    `Session ${sessionId}`,
    command
      ? `Resume it later with: ${command}`
      : "The embedded dev server runs in memory (--ephemeral): this session ends with the app.",
    server.dataFile ? `Stored in ${server.dataFile}` : undefined,
  ]
    .filter(Boolean)
    .join("\n");
}
