import type { CreateMemoryRequest, Memory } from "@everruns/core";
import { ApiProblem } from "../http/problem.js";
import { newId, nowIso } from "../ids.js";

type SourceRequest = NonNullable<CreateMemoryRequest["source"]>;

/**
 * The stored `source` of a memory: `manual` when none is given, else the repository, checked
 * (`git` needs `url`, `github` needs `repository`: 400 `invalid_memory_source` otherwise).
 */
export function memorySource(request: SourceRequest | null | undefined): Memory["source"] {
  if (!request) return { provider: "manual" };
  const common = {
    branch: request.branch ?? "main",
    root_folder: request.root_folder ?? null,
    sync_interval_secs: request.sync_interval_secs ?? null,
  };
  if (request.type === "git") {
    if (!request.url) throw invalidSource("A git source needs a url.");
    return { provider: "git", url: request.url, ...common };
  }
  if (!request.repository) throw invalidSource("A github source needs a repository (owner/repo).");
  return { provider: "github", repository: request.repository, ...common };
}

/** A new memory with this name and source; repository sources are read-only and never synced yet. */
export function newMemory(name: string, source: Memory["source"]): Memory {
  const now = nowIso();
  return {
    id: newId("mem"),
    name,
    source_type: source.provider,
    source,
    is_readonly: source.provider !== "manual",
    sync_status: "idle",
    last_synced_at: null,
    last_sync_error: null,
    status: "active",
    archived_at: null,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
}

/**
 * The memory after a sync attempt. The dev server never reaches the network (our choice), so a
 * repository sync always fails and says why in `last_sync_error`; a manual memory has nothing
 * to sync (400 `memory_not_syncable`).
 */
export function syncMemory(memory: Memory): Memory {
  if (memory.source_type === "manual") {
    throw new ApiProblem(
      400,
      "memory_not_syncable",
      `Memory ${memory.id} has a manual source; there is no repository to sync.`,
    );
  }
  const where = memory.source.url ?? memory.source.repository ?? "the repository";
  return {
    ...memory,
    sync_status: "failed",
    last_sync_error: `The dev server has no network access and cannot fetch ${where}.`,
    updated_at: nowIso(),
  };
}

function invalidSource(detail: string): ApiProblem {
  return new ApiProblem(400, "invalid_memory_source", detail);
}
