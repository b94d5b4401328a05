import type { CreateHarnessRequest, UpdateHarnessRequest } from "@everruns/core";
import { GENERIC_HARNESS } from "../catalog/builtins.js";
import { ApiProblem } from "../http/problem.js";
import { newId, nowIso } from "../ids.js";
import type { HarnessRecord } from "../store/harnesses-repo.js";
import type { Store } from "../store/store.js";
import { findHarness, harnessChain, MAX_HARNESS_DEPTH } from "./harnesses.js";

/** Longest harness name (the spec's `HarnessName.maxLength`). */
const MAX_NAME_LENGTH = 64;
/** Names a user harness may not take: the built-in one and the alias of the default. */
const RESERVED = new Set([GENERIC_HARNESS.name, "default"]);

/** Whether `name` is free for a harness (other than `selfId`). */
export function harnessNameFree(store: Store, name: string, selfId?: string): boolean {
  if (RESERVED.has(name)) return false;
  const holder = store.harnesses.getByName(name);
  return !holder || holder.id === selfId;
}

/** 400 `name_taken` unless `name` is free. */
export function assertHarnessNameFree(store: Store, name: string, selfId?: string): void {
  if (!harnessNameFree(store, name, selfId)) {
    throw new ApiProblem(400, "name_taken", `The harness name "${name}" is already used.`);
  }
}

/** `base`, or `base-2`, `base-3`, ...: the first free harness name. */
export function freeHarnessName(store: Store, base: string): string {
  const stem = base.slice(0, MAX_NAME_LENGTH - 4).replace(/-+$/, "") || "harness";
  if (harnessNameFree(store, stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem.slice(0, MAX_NAME_LENGTH - String(n).length - 1)}-${n}`;
    if (harnessNameFree(store, candidate)) return candidate;
  }
}

/**
 * The id of the parent a harness names (by id or name), checked: it exists, it is not the
 * harness itself or one of its descendants, and the chain stays within the depth limit.
 */
export function resolveParent(
  store: Store,
  ref: string | null | undefined,
  selfId: string | undefined,
): string | null {
  if (ref == null) return null;
  const parent = findHarness(store, ref);
  if (!parent) throw new ApiProblem(404, "harness_not_found", `No parent harness "${ref}".`);
  const chain = harnessChain(store, parent);
  if (selfId && chain.some((entry) => entry.id === selfId)) {
    throw new ApiProblem(400, "harness_cycle", "A harness cannot descend from itself.");
  }
  if (chain.length >= MAX_HARNESS_DEPTH) {
    throw new ApiProblem(
      400,
      "harness_too_deep",
      `Harnesses nest at most ${MAX_HARNESS_DEPTH} deep.`,
    );
  }
  return parent.id;
}

/** A new user-written harness from a create body (checked and stored). */
export function createHarness(store: Store, body: CreateHarnessRequest): HarnessRecord {
  assertHarnessNameFree(store, body.name);
  const now = nowIso();
  const harness: HarnessRecord = {
    id: newId("harness"),
    name: body.name,
    display_name: body.display_name ?? null,
    description: body.description ?? null,
    system_prompt: body.system_prompt ?? null,
    default_model_id: body.default_model_id ?? null,
    status: "active",
    is_built_in: false,
    parent_harness_id: resolveParent(store, body.parent_harness_id, undefined),
    tags: body.tags ?? [],
    capabilities: body.capabilities ?? [],
    initial_files: body.initial_files ?? [],
    mcpServers: body.mcpServers ?? {},
    network_access: body.network_access ?? null,
    embedder_metadata: body.embedder_metadata ?? {},
    archived_at: null,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  store.harnesses.insert(harness);
  return harness;
}

/** The harness with the fields present in a PATCH body changed (checked and stored). */
export function updateHarness(
  store: Store,
  harness: HarnessRecord,
  body: UpdateHarnessRequest,
): HarnessRecord {
  assertWritable(harness);
  const next: HarnessRecord = { ...harness, updated_at: nowIso() };
  if (body.name != null && body.name !== harness.name) {
    assertHarnessNameFree(store, body.name, harness.id);
    next.name = body.name;
  }
  if (body.parent_harness_id !== undefined) {
    next.parent_harness_id = resolveParent(store, body.parent_harness_id, harness.id);
  }
  if (body.display_name !== undefined) next.display_name = body.display_name;
  if (body.description !== undefined) next.description = body.description;
  if (body.system_prompt !== undefined) next.system_prompt = body.system_prompt;
  if (body.default_model_id !== undefined) next.default_model_id = body.default_model_id;
  if (body.tags != null) next.tags = body.tags;
  if (body.capabilities != null) next.capabilities = body.capabilities;
  if (body.initial_files != null) next.initial_files = body.initial_files;
  if (body.mcpServers != null) next.mcpServers = body.mcpServers;
  if (body.network_access !== undefined) next.network_access = body.network_access;
  if (body.embedder_metadata != null) next.embedder_metadata = body.embedder_metadata;
  if (body.status != null && body.status !== harness.status) {
    next.status = body.status;
    next.archived_at = body.status === "archived" ? next.updated_at : null;
    next.deleted_at = body.status === "deleted" ? next.updated_at : null;
  }
  store.harnesses.update(next);
  return next;
}

/** Marks a harness deleted: its sessions keep it, its name is free again. */
export function deleteHarness(store: Store, harness: HarnessRecord): void {
  assertWritable(harness);
  const now = nowIso();
  store.harnesses.update({ ...harness, status: "deleted", deleted_at: now, updated_at: now });
}

/** A user-written copy of a harness (built-in ones too) under a free name. */
export function copyHarness(store: Store, source: HarnessRecord): HarnessRecord {
  const now = nowIso();
  const copy: HarnessRecord = {
    ...source,
    id: newId("harness"),
    name: freeHarnessName(store, `${source.name}-copy`),
    display_name: `${source.display_name ?? source.name} (copy)`,
    status: "active",
    is_built_in: false,
    archived_at: null,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  store.harnesses.insert(copy);
  return copy;
}

/** 400 `built_in_harness` for the built-in harness, which cannot be changed. */
function assertWritable(harness: HarnessRecord): void {
  if (harness.is_built_in) {
    throw new ApiProblem(
      400,
      "built_in_harness",
      `The built-in harness "${harness.name}" cannot be changed or deleted; copy it instead.`,
    );
  }
}
