import { redactSecret } from "./redact.js";

/** Secrets shorter than this are ordinary words (the dev server's "dev"): rewriting them would garble text. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Returns a copy of a decoded value (a parsed JSON body) with every occurrence of a secret in
 * its strings, keys included, replaced by the redacted form. Redacting the raw body is not
 * enough: JSON escapes (`\u0065vr_pat_...`) hide a key from a text search until it is parsed.
 */
export function scrubSecrets<T>(
  value: T,
  secrets: readonly string[],
  redact: (secret: string) => string = redactSecret,
): T {
  const hidden = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  if (hidden.length === 0) return value;
  const scrubText = (text: string) => {
    let out = text;
    for (const secret of hidden) out = out.split(secret).join(redact(secret));
    return out;
  };
  const walk = (current: unknown): unknown => {
    if (typeof current === "string") return scrubText(current);
    if (Array.isArray(current)) return current.map(walk);
    if (current && typeof current === "object") {
      return Object.fromEntries(
        Object.entries(current).map(([key, inner]) => [scrubText(key), walk(inner)]),
      );
    }
    return current;
  };
  return walk(value) as T;
}

/** A copy of response headers with every secret in their values redacted (`x-request-id` echoes). */
export function scrubHeaders(headers: Headers, secrets: readonly string[]): Headers {
  const out = new Headers();
  headers.forEach((value, name) => {
    // Header values must stay Latin-1: "..." rather than the ellipsis character.
    out.append(
      name,
      scrubSecrets(value, secrets, (secret) => redactSecret(secret).replace("…", "...")),
    );
  });
  return out;
}
