import type { ContentPart, ToolCall } from "@everruns/core";
import { FileTree } from "../domain/file-tree.js";
import { ApiProblem } from "../http/problem.js";
import type { Store } from "../store/store.js";

/** Name of the server-side tool that writes a file into the session's workspace. */
export const WRITE_FILE_TOOL = "write_file";

/** The outcome of one `write_file` call: the tool result, or the error the model is told. */
export type WriteFileOutcome = { ok: true; result: ContentPart[] } | { ok: false; error: string };

/**
 * The server-side `write_file` tool: writes `arguments.content` (text) to `arguments.path` in
 * the session's workspace, creating or replacing the file, and emits `file.written` with the
 * normalized path, `operation: "write"`, the size and whether it was created. A bad path or a
 * read-only file becomes a failed tool call, never a failed turn.
 */
export function runWriteFile(
  store: Store,
  sessionId: string,
  call: ToolCall,
  emit: (type: string, data: unknown) => void,
): WriteFileOutcome {
  const args = (call.arguments ?? {}) as { path?: unknown; content?: unknown };
  const workspaceId = store.sessions.get(sessionId)?.workspace_id;
  if (typeof args.path !== "string" || typeof args.content !== "string") {
    return { ok: false, error: "write_file needs a string path and a string content." };
  }
  if (!workspaceId || !store.workspaces.get(workspaceId)) {
    return { ok: false, error: "The session has no workspace to write into." };
  }
  try {
    const bytes = new TextEncoder().encode(args.content);
    const { row, created } = new FileTree(store, workspaceId).write(args.path, bytes);
    emit("file.written", {
      path: row.path,
      operation: "write",
      size_bytes: row.size_bytes,
      created,
    });
    return {
      ok: true,
      result: [{ type: "text", text: `Wrote ${row.size_bytes} bytes to ${row.path}.` }],
    };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, error: error.detail };
    throw error;
  }
}
