import type { InitialFile, Workspace } from "@everruns/core";
import { newId, nowIso } from "../ids.js";
import type { Store } from "../store/store.js";
import { decodeContent } from "./file-content.js";
import { FileTree } from "./file-tree.js";

/** Creates and stores a workspace. */
export function createWorkspace(store: Store, name: string): Workspace {
  const now = nowIso();
  const workspace: Workspace = {
    id: newId("wsp"),
    name,
    status: "active",
    archived_at: null,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  store.workspaces.put(workspace);
  return workspace;
}

/**
 * Writes a session's `initial_files` into its workspace (each path normalized; `encoding:
 * "base64"` for binary content). The caller runs it in the transaction that stores the session,
 * so a bad file leaves neither behind.
 */
export function writeInitialFiles(store: Store, workspaceId: string, files: InitialFile[]): void {
  const tree = new FileTree(store, workspaceId);
  for (const file of files) {
    tree.write(file.path, decodeContent(file.content, file.encoding), file.is_readonly ?? false);
  }
}
