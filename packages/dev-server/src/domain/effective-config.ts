import type { CapabilityConfig } from "@everruns/core";
import { GENERIC_HARNESS } from "../catalog/builtins.js";
import type { Store } from "../store/store.js";
import { harnessCapabilities, harnessForRun, harnessPrompt } from "./harnesses.js";

/**
 * The system prompt of a turn: a user-written harness's prompt (with its ancestors') first,
 * then the session's or agent's own prompt. With the built-in harness the own prompt stands
 * alone, and the built-in prompt is the fallback when there is none.
 */
export function composeSystemPrompt(
  store: Store,
  harnessId: string,
  own: string | null | undefined,
): string {
  const fromHarness = harnessPrompt(store, harnessForRun(store, harnessId));
  const parts = [fromHarness, own?.trim() ? own : ""].filter((part) => part !== "");
  if (parts.length > 0) return parts.join("\n\n");
  return GENERIC_HARNESS.system_prompt ?? "";
}

/** The capabilities a turn gets from its harness (with ancestors), then its own. */
export function composeCapabilities(
  store: Store,
  harnessId: string,
  own: readonly CapabilityConfig[],
): CapabilityConfig[] {
  return [...harnessCapabilities(store, harnessForRun(store, harnessId)), ...own];
}

/** An agent configuration with its harness applied: what a session of it runs with. */
export function resolveAgentConfig<
  C extends {
    harness_id?: string | null;
    system_prompt?: string | null;
    capabilities?: CapabilityConfig[] | null;
  },
>(store: Store, config: C): C & { harness_name: string } {
  const harnessId = config.harness_id ?? GENERIC_HARNESS.id;
  const harness = harnessForRun(store, harnessId);
  return {
    ...config,
    harness_id: harness.id,
    harness_name: harness.name,
    system_prompt: composeSystemPrompt(store, harness.id, config.system_prompt),
    capabilities: composeCapabilities(store, harness.id, config.capabilities ?? []),
  };
}
