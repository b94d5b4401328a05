import { CAPABILITIES } from "../catalog/builtins.js";
import type { Store } from "../store/store.js";
import { declarativePrompt } from "./declarative-capabilities.js";

/** What the turn engine and previews need of a capability. */
export interface CapabilityEssentials {
  id: string;
  system_prompt: string | null;
  tool_definitions: Record<string, unknown>[];
}

/** The capability with this id: a built-in one, or a declarative one that is active. */
export function knownCapability(store: Store, id: string): CapabilityEssentials | undefined {
  const builtIn = CAPABILITIES.find((capability) => capability.id === id);
  if (builtIn) {
    return {
      id: builtIn.id,
      system_prompt: builtIn.system_prompt ?? null,
      tool_definitions: (builtIn.tool_definitions ?? []) as Record<string, unknown>[],
    };
  }
  return declarativeEssentials(store, id);
}

/** An active declarative capability: its prompt applies; it has no tools of its own. */
function declarativeEssentials(store: Store, id: string): CapabilityEssentials | undefined {
  const record = store.declarativeCapabilities.get(id);
  if (record?.status !== "active") return undefined;
  return { id, system_prompt: declarativePrompt(record), tool_definitions: [] };
}
