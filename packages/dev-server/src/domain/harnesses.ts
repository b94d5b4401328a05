import type { CapabilityConfig } from "@everruns/core";
import { GENERIC_HARNESS } from "../catalog/builtins.js";
import { ApiProblem } from "../http/problem.js";
import type { HarnessRecord } from "../store/harnesses-repo.js";
import type { Store } from "../store/store.js";

/** How deep `parent_harness_id` chains may go (a guard against cycles, too). */
export const MAX_HARNESS_DEPTH = 8;

/**
 * Resolves the harness fields of a request to a harness id: `harness_id` or `harness_name`
 * (never both: 400 `conflicting_fields`), `undefined` when neither is given. The built-in
 * `generic` harness (also `default`) and every user-written harness not deleted are found;
 * anything else is a 404.
 */
export function resolveHarnessId(
  store: Store,
  body: { harness_id?: string | null; harness_name?: string | null },
): string | undefined {
  if (body.harness_id != null && body.harness_name != null) {
    throw new ApiProblem(
      400,
      "conflicting_fields",
      "Give at most one of harness_id and harness_name.",
    );
  }
  const ref = body.harness_id ?? body.harness_name;
  if (ref == null) return undefined;
  const harness = findHarness(store, ref);
  if (harness) return harness.id;
  throw new ApiProblem(404, "harness_not_found", `No harness with id or name "${ref}".`);
}

/** The harness with this id or name (`default` means the built-in one); deleted ones are gone. */
export function findHarness(store: Store, ref: string): HarnessRecord | undefined {
  if (ref === GENERIC_HARNESS.id || ref === GENERIC_HARNESS.name || ref === "default") {
    return GENERIC_HARNESS;
  }
  const harness = ref.startsWith("harness_")
    ? store.harnesses.get(ref)
    : store.harnesses.getByName(ref);
  return harness && harness.status !== "deleted" ? harness : undefined;
}

/**
 * The harness with this id as a session runs it, deleted or not: a session keeps the harness
 * it was created on. Unknown ids fall back to the built-in harness.
 */
export function harnessForRun(store: Store, id: string): HarnessRecord {
  if (id === GENERIC_HARNESS.id) return GENERIC_HARNESS;
  return store.harnesses.get(id) ?? GENERIC_HARNESS;
}

/** The harness and its ancestors, the root first. */
export function harnessChain(store: Store, harness: HarnessRecord): HarnessRecord[] {
  const chain: HarnessRecord[] = [harness];
  let current = harness;
  while (current.parent_harness_id && chain.length < MAX_HARNESS_DEPTH) {
    const parent = harnessForRun(store, current.parent_harness_id);
    if (chain.some((entry) => entry.id === parent.id)) break;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

/**
 * The system prompt a harness contributes: its ancestors' prompts then its own, separated by
 * blank lines. The built-in harness contributes none here: its prompt is only the fallback
 * when neither the session nor the agent has one (see `composeSystemPrompt`).
 */
export function harnessPrompt(store: Store, harness: HarnessRecord): string {
  return harnessChain(store, harness)
    .filter((entry) => !entry.is_built_in)
    .map((entry) => entry.system_prompt?.trim() ?? "")
    .filter((text) => text !== "")
    .join("\n\n");
}

/** The capabilities of a harness and its ancestors. */
export function harnessCapabilities(store: Store, harness: HarnessRecord): CapabilityConfig[] {
  return harnessChain(store, harness).flatMap((entry) => entry.capabilities ?? []);
}
