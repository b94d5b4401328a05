import type { Workspace } from "@everruns/core";
import { FileTree } from "../../domain/file-tree.js";
import { createWorkspace } from "../../domain/workspaces.js";
import { nowIso } from "../../ids.js";
import type { OperationHandlers } from "../operation-types.js";
import { notFound } from "../problem.js";
import type { ServerContext } from "../server-context.js";
import { fileTreeRoutes } from "./file-tree.js";

type WorkspaceHandlers = Pick<
  OperationHandlers,
  | "createWorkspace"
  | "listWorkspaces"
  | "getWorkspace"
  | "updateWorkspace"
  | "deleteWorkspace"
  | "listWorkspaceRoot"
  | "readWorkspacePath"
  | "createWorkspacePath"
  | "updateWorkspacePath"
  | "deleteWorkspacePath"
  | "moveWorkspacePath"
  | "copyWorkspacePath"
  | "statWorkspacePath"
  | "grepWorkspace"
  | "downloadWorkspaceFile"
  | "previewWorkspaceFile"
>;

const fs = fileTreeRoutes((server, id) => new FileTree(server.store, findWorkspace(server, id).id));

/** Workspaces (create, list, get, update, archive) and their file trees. */
export const workspaceHandlers: WorkspaceHandlers = {
  createWorkspace({ c, server, body }) {
    return c.json(createWorkspace(server.store, body.name), 201);
  },
  listWorkspaces({ c, server, query }) {
    return c.json({
      data: server.store.workspaces.list(query.search, query.include_archived ?? false),
    });
  },
  getWorkspace({ c, server, path }) {
    return c.json(findWorkspace(server, path.workspace_id));
  },
  updateWorkspace({ c, server, path, body }) {
    const workspace = { ...findWorkspace(server, path.workspace_id), updated_at: nowIso() };
    if (body.name != null) workspace.name = body.name;
    if (body.status != null && body.status !== workspace.status) {
      workspace.status = body.status;
      workspace.archived_at = body.status === "archived" ? workspace.updated_at : null;
    }
    server.store.workspaces.put(workspace);
    return c.json(workspace);
  },
  deleteWorkspace({ c, server, path }) {
    const workspace = findWorkspace(server, path.workspace_id);
    if (workspace.status !== "archived") {
      const now = nowIso();
      server.store.workspaces.put({
        ...workspace,
        status: "archived",
        archived_at: now,
        updated_at: now,
      });
    }
    return c.body(null, 204);
  },
  listWorkspaceRoot: (input) => fs.listRoot(input, input.path.workspace_id),
  readWorkspacePath: (input) => fs.read(input, input.path.workspace_id),
  createWorkspacePath: (input) => fs.create(input, input.path.workspace_id),
  updateWorkspacePath: (input) => fs.update(input, input.path.workspace_id),
  deleteWorkspacePath: (input) => fs.delete(input, input.path.workspace_id),
  moveWorkspacePath: (input) => fs.move(input, input.path.workspace_id),
  copyWorkspacePath: (input) => fs.copy(input, input.path.workspace_id),
  statWorkspacePath: (input) => fs.stat(input, input.path.workspace_id),
  grepWorkspace: (input) => fs.grep(input, input.path.workspace_id),
  downloadWorkspaceFile: (input) => fs.download(input, input.path.workspace_id),
  previewWorkspaceFile: (input) => fs.preview(input, input.path.workspace_id),
};

/** The workspace with this id, or a 404 `workspace_not_found`. */
export function findWorkspace(server: ServerContext, id: string): Workspace {
  const workspace = server.store.workspaces.get(id);
  if (!workspace) throw notFound("workspace", id);
  return workspace;
}
