import { ValidationError } from "../errors/client-errors.js";

/** Agent and harness names: lowercase slugs of at most 64 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Longest agent or harness name. */
export const MAX_SLUG_LENGTH = 64;

/** Throws when `value` is not a valid slug (`my-agent-2`). */
export function assertSlug(value: string, field: string): void {
  if (value.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(value)) {
    throw new ValidationError(
      `${field} must be a lowercase slug (a-z, 0-9, single dashes between), at most ${MAX_SLUG_LENGTH} characters; got "${value.slice(0, 80)}"`,
      field,
    );
  }
}

/** Throws when both of two mutually exclusive fields are set (non-null). */
export function assertExclusive(body: object, first: string, second: string): void {
  const record = body as Record<string, unknown>;
  if (record[first] != null && record[second] != null) {
    throw new ValidationError(
      `${first} and ${second} are mutually exclusive: give one of them`,
      first,
    );
  }
}

/** Throws unless `value` is an ID of the form `<prefix>_<32 lowercase hex>`. */
export function assertPrefixedId(value: string, prefix: string, field: string): void {
  if (!new RegExp(`^${prefix}_[0-9a-f]{32}$`).test(value)) {
    throw new ValidationError(
      `${field} must look like ${prefix}_<32 lowercase hex>, got "${value.slice(0, 80)}"`,
      field,
    );
  }
}

/** Throws unless `value` is a non-empty string: path parameters are never empty. */
export function assertPathParam(value: unknown, field: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ValidationError(`${field} must be a non-empty string`, field);
  }
}
