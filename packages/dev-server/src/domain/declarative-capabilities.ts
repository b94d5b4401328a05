import { CAPABILITIES } from "../catalog/builtins.js";
import { ApiProblem } from "../http/problem.js";
import { newId, nowIso } from "../ids.js";
import type { DeclarativeCapabilityRecord } from "../store/declarative-capabilities-repo.js";
import type { Store } from "../store/store.js";

/** Capability ids: lowercase words joined by `_` or `-` (like `current_time`). */
const CAPABILITY_ID = /^[a-z0-9]+([_-][a-z0-9]+)*$/;
const MAX_ID_LENGTH = 64;
/** Statuses the dev server accepts in an update (the API's set is open). */
const STATUSES = new Set(["active", "archived"]);

/** What the dev server reads from a definition document. */
interface Definition {
  id: string;
  name: string;
  display_name: string | null;
  description: string;
  system_prompt: string | null;
}

/** Reads a definition; 400 `invalid_definition` says what is missing or wrong. */
export function readDefinition(definition: Record<string, unknown>): Definition {
  const fail = (detail: string): never => {
    throw new ApiProblem(400, "invalid_definition", detail);
  };
  const { id, name, display_name, description, system_prompt } = definition;
  if (typeof id !== "string" || !CAPABILITY_ID.test(id) || id.length > MAX_ID_LENGTH) {
    fail(
      "definition.id must be lowercase letters and digits joined by _ or -, at most 64 characters.",
    );
  }
  if (typeof name !== "string" || name.trim() === "")
    fail("definition.name must be a non-empty string.");
  for (const [field, value] of Object.entries({ display_name, description, system_prompt })) {
    if (value !== undefined && value !== null && typeof value !== "string") {
      fail(`definition.${field} must be a string.`);
    }
  }
  return {
    id: id as string,
    name: name as string,
    display_name: (display_name as string | undefined) ?? null,
    description: (description as string | undefined) ?? "",
    system_prompt: (system_prompt as string | undefined) ?? null,
  };
}

/** Creates one; 409 `capability_exists` when its id is taken (built-in ones count). */
export function createDeclarative(
  store: Store,
  definition: Record<string, unknown>,
): DeclarativeCapabilityRecord {
  const read = readDefinition(definition);
  if (CAPABILITIES.some((c) => c.id === read.id) || store.declarativeCapabilities.get(read.id)) {
    throw new ApiProblem(409, "capability_exists", `A capability "${read.id}" already exists.`);
  }
  const now = nowIso();
  const record: DeclarativeCapabilityRecord = {
    id: newId("declcap"),
    capability_id: read.id,
    name: read.name,
    display_name: read.display_name,
    description: read.description,
    status: "active",
    definition,
    archived_at: null,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  store.declarativeCapabilities.insert(record);
  return record;
}

/** Replaces the definition and/or changes the status (`active` or `archived`). */
export function updateDeclarative(
  store: Store,
  record: DeclarativeCapabilityRecord,
  change: { definition?: Record<string, unknown>; status?: string | null },
): DeclarativeCapabilityRecord {
  const now = nowIso();
  const next: DeclarativeCapabilityRecord = { ...record, updated_at: now };
  if (change.definition !== undefined) {
    const read = readDefinition(change.definition);
    if (read.id !== record.capability_id) {
      throw new ApiProblem(
        409,
        "capability_id_immutable",
        `definition.id cannot change (it is "${record.capability_id}").`,
      );
    }
    Object.assign(next, {
      definition: change.definition,
      name: read.name,
      display_name: read.display_name,
      description: read.description,
    });
  }
  if (change.status != null) {
    if (!STATUSES.has(change.status)) {
      throw new ApiProblem(400, "invalid_status", "status must be active or archived.");
    }
    next.status = change.status;
    next.archived_at = change.status === "archived" ? now : null;
  }
  store.declarativeCapabilities.update(next);
  return next;
}

/** The system prompt a declarative capability adds, if it is active. */
export function declarativePrompt(record: DeclarativeCapabilityRecord): string | null {
  if (record.status !== "active") return null;
  const prompt = record.definition.system_prompt;
  return typeof prompt === "string" && prompt.trim() !== "" ? prompt : null;
}
