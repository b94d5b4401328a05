import { GENERIC_HARNESS } from "../catalog/builtins.js";
import { ApiProblem } from "../http/problem.js";

/**
 * Resolves the harness fields of a request to a harness id: `harness_id` or `harness_name`
 * (never both: 400 `conflicting_fields`), `undefined` when neither is given. The dev server has
 * one harness, the built-in `generic` (also reachable as `default`); anything else is a 404.
 */
export function resolveHarnessId(body: {
  harness_id?: string | null;
  harness_name?: string | null;
}): string | undefined {
  if (body.harness_id != null && body.harness_name != null) {
    throw new ApiProblem(
      400,
      "conflicting_fields",
      "Give at most one of harness_id and harness_name.",
    );
  }
  const ref = body.harness_id ?? body.harness_name;
  if (ref == null) return undefined;
  if (findHarness(ref)) return GENERIC_HARNESS.id;
  throw new ApiProblem(404, "harness_not_found", `No harness with id or name "${ref}".`);
}

/** The harness with this id or name (`default` means the organization's default). */
export function findHarness(ref: string): typeof GENERIC_HARNESS | undefined {
  return ref === GENERIC_HARNESS.id || ref === GENERIC_HARNESS.name || ref === "default"
    ? GENERIC_HARNESS
    : undefined;
}
