import { ValidationError } from "../errors/client-errors.js";

/** CR, LF and NUL: the characters that enable header injection. */
const UNSAFE_HEADER_CHARS = /[\r\n\0]/;

/** Anything above U+00FF: fetch can only send Latin-1 in a header and throws a TypeError. */
const NON_LATIN1 = /[\u0100-\u{10ffff}]/u;

/**
 * Throws a {@link ValidationError} when a header value contains CR, LF or NUL, or a character
 * outside Latin-1 (which fetch refuses with a raw TypeError on every call), before anything
 * is sent. The value itself is never echoed: it may be a credential.
 */
export function assertSafeHeaderValue(name: string, value: string): void {
  if (UNSAFE_HEADER_CHARS.test(value)) {
    throw new ValidationError(
      `Header "${name}" contains a CR, LF or NUL character; refusing to send it`,
      name,
    );
  }
  const position = value.search(NON_LATIN1);
  if (position >= 0) {
    throw new ValidationError(
      `Header "${name}" has a character outside Latin-1 at position ${position} (often a quote or dash pasted from a document); HTTP headers cannot carry it`,
      name,
    );
  }
}

/** Checks every value of a plain header record with {@link assertSafeHeaderValue}. */
export function assertSafeHeaders(headers: Record<string, string> | undefined): void {
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) assertSafeHeaderValue(name, value);
}
