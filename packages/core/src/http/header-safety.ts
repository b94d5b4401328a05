import { ValidationError } from "../errors/client-errors.js";

/** CR, LF and NUL: the characters that enable header injection. */
const UNSAFE_HEADER_CHARS = /[\r\n\0]/;

/**
 * Throws a {@link ValidationError} when a header value contains CR, LF or NUL, before
 * anything is sent. The value itself is never echoed: it may be a credential.
 */
export function assertSafeHeaderValue(name: string, value: string): void {
  if (UNSAFE_HEADER_CHARS.test(value)) {
    throw new ValidationError(
      `Header "${name}" contains a CR, LF or NUL character; refusing to send it`,
      name,
    );
  }
}

/** Checks every value of a plain header record with {@link assertSafeHeaderValue}. */
export function assertSafeHeaders(headers: Record<string, string> | undefined): void {
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) assertSafeHeaderValue(name, value);
}
