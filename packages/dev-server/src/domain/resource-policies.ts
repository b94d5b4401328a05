import type { ResourceConfig } from "@everruns/core";

/**
 * The dev server has one all-powerful key, so every policy allows: the answer lists what the
 * caller may do with a kind of resource, by action.
 */
export function allowAll(actions: readonly string[]): ResourceConfig {
  return { policies: Object.fromEntries(actions.map((action) => [action, true])) };
}
