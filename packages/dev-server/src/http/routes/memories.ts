import type { Memory } from "@everruns/core";
import { FileTree } from "../../domain/file-tree.js";
import { memorySource, newMemory, syncMemory } from "../../domain/memories.js";
import { nowIso } from "../../ids.js";
import type { OperationHandlers } from "../operation-types.js";
import { ApiProblem, notFound } from "../problem.js";
import type { ServerContext } from "../server-context.js";
import { fileTreeRoutes } from "./file-tree.js";

type MemoryHandlers = Pick<
  OperationHandlers,
  | "createMemory"
  | "listMemories"
  | "getMemory"
  | "updateMemory"
  | "deleteMemory"
  | "syncMemory"
  | "listMemoryRoot"
  | "readMemoryPath"
  | "createMemoryPath"
  | "updateMemoryPath"
  | "deleteMemoryPath"
  | "moveMemoryPath"
  | "copyMemoryPath"
  | "statMemoryPath"
  | "grepMemory"
  | "downloadMemoryFile"
  | "previewMemoryFile"
>;

const fs = fileTreeRoutes((server, id) => {
  const memory = findMemory(server, id);
  const readonly = memory.is_readonly
    ? `Memory ${memory.id} is read-only: its files come from its ${memory.source_type} source.`
    : undefined;
  return new FileTree(server.store, memory.id, readonly);
});

/** Memories (create, list, get, update, archive, sync) and their file trees. */
export const memoryHandlers: MemoryHandlers = {
  createMemory({ c, server, body }) {
    assertFreeName(server, body.name);
    const memory = newMemory(body.name, memorySource(body.source));
    server.store.memories.put(memory);
    return c.json(memory, 201);
  },
  listMemories({ c, server, query }) {
    return c.json({
      data: server.store.memories.list(query.search, query.include_archived ?? false),
    });
  },
  getMemory({ c, server, path }) {
    return c.json(findMemory(server, path.memory_id));
  },
  updateMemory({ c, server, path, body }) {
    const memory = { ...findMemory(server, path.memory_id), updated_at: nowIso() };
    if (body.name != null && body.name !== memory.name) {
      assertFreeName(server, body.name);
      memory.name = body.name;
    }
    if (body.source !== undefined) {
      memory.source = memorySource(body.source);
      memory.source_type = memory.source.provider;
      memory.is_readonly = memory.source_type !== "manual";
      memory.sync_status = "idle";
      memory.last_sync_error = null;
    }
    server.store.memories.put(memory);
    return c.json(memory);
  },
  deleteMemory({ c, server, path }) {
    const memory = findMemory(server, path.memory_id);
    if (memory.status !== "archived") {
      const now = nowIso();
      server.store.memories.put({
        ...memory,
        status: "archived",
        archived_at: now,
        updated_at: now,
      });
    }
    return c.body(null, 204);
  },
  syncMemory({ c, server, path }) {
    const memory = syncMemory(findMemory(server, path.memory_id));
    server.store.memories.put(memory);
    return c.json(memory);
  },
  listMemoryRoot: (input) => fs.listRoot(input, input.path.memory_id),
  readMemoryPath: (input) => fs.read(input, input.path.memory_id),
  createMemoryPath: (input) => fs.create(input, input.path.memory_id),
  updateMemoryPath: (input) => fs.update(input, input.path.memory_id),
  deleteMemoryPath: (input) => fs.delete(input, input.path.memory_id),
  moveMemoryPath: (input) => fs.move(input, input.path.memory_id),
  copyMemoryPath: (input) => fs.copy(input, input.path.memory_id),
  statMemoryPath: (input) => fs.stat(input, input.path.memory_id),
  grepMemory: (input) => fs.grep(input, input.path.memory_id),
  downloadMemoryFile: (input) => fs.download(input, input.path.memory_id),
  previewMemoryFile: (input) => fs.preview(input, input.path.memory_id),
};

/** The memory with this id, or a 404 `memory_not_found`. */
export function findMemory(server: ServerContext, id: string): Memory {
  const memory = server.store.memories.get(id);
  if (!memory) throw notFound("memory", id);
  return memory;
}

function assertFreeName(server: ServerContext, name: string): void {
  if (server.store.memories.getByName(name)) {
    throw new ApiProblem(409, "memory_name_taken", `A memory named "${name}" already exists.`);
  }
}
