import type { Middleware } from "openapi-fetch";
import { MAX_ERROR_BODY_BYTES, readTextUpTo } from "./bounded-error-body.js";
import { toProblemDetails } from "./problem-body.js";
import { redactSecret } from "./redact.js";
import { MIN_SECRET_LENGTH, scrubHeaders, scrubSecrets } from "./scrub-secrets.js";

/** What {@link createHeadersMiddleware} puts on every request. */
export interface SdkHeaders {
  apiKey: string;
  orgId: string | undefined;
  clientHeader: string;
  userAgent: string | undefined;
  defaultHeaders: Record<string, string>;
}

/**
 * Sets the headers every request carries: `Authorization: <token>` (the token itself, no
 * `Bearer`), `X-Org-Id` when an organization is configured, the SDK's client header and,
 * outside browsers, its `User-Agent`. Headers given per call win over the defaults but never
 * over the credentials.
 */
export function createHeadersMiddleware(config: SdkHeaders): Middleware {
  return {
    onRequest({ request }) {
      for (const [name, value] of Object.entries(config.defaultHeaders)) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      request.headers.set("Authorization", config.apiKey);
      if (config.orgId) request.headers.set("X-Org-Id", config.orgId);
      request.headers.set("X-Everruns-Client", config.clientHeader);
      if (config.userAgent) request.headers.set("User-Agent", config.userAgent);
      return request;
    },
  };
}

/**
 * Rewrites every error response into `application/problem+json`, so that `error` in a raw
 * openapi-fetch result is always a parsed problem document: an HTML page from a proxy, an
 * empty body or plain text become `{ title, status, detail? }` (HTML is dropped, never quoted).
 * Any occurrence of a secret (the API key) in the body, raw or decoded from JSON escapes, and
 * in the response headers is replaced by its redacted form, so a server that echoes the token
 * cannot leak it into an exception.
 */
export function createProblemBodyMiddleware(secrets: string[]): Middleware {
  // Short keys such as the dev server's "dev" are ordinary words: rewriting them would garble messages.
  const hidden = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  return {
    async onResponse({ response }) {
      if (response.ok) return undefined;
      // Bounded: a 50 MB error body must not become a 50-million-character message.
      const read = await readTextUpTo(response);
      let text =
        read.truncated && read.text.trimStart().startsWith("{")
          ? `The error response body was larger than ${MAX_ERROR_BODY_BYTES / 1024} KiB; it was not read.`
          : read.text;
      for (const secret of hidden) text = text.split(secret).join(redactSecret(secret));
      // Again after decoding: JSON escapes hide a secret from the search above.
      const problem = scrubSecrets(
        toProblemDetails(response.status, response.statusText, text),
        hidden,
      );
      // Header-derived fields (requestId) must not carry an echoed key either.
      const headers = scrubHeaders(response.headers, hidden);
      headers.set("content-type", "application/problem+json");
      headers.delete("content-length");
      headers.delete("content-encoding");
      return new Response(JSON.stringify(problem), {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    },
  };
}
