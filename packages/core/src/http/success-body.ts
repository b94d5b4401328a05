import type { Middleware } from "openapi-fetch";
import { InvalidResponseError } from "../errors/invalid-response-error.js";

/**
 * Checks the body of every successful response the SDK parses as JSON: it must be declared
 * JSON and parse completely. Otherwise the call fails with {@link InvalidResponseError}
 * (which never quotes the body) instead of a raw `SyntaxError` quoting an HTML page. Empty
 * bodies (204, or a 2xx without content) pass untouched.
 */
export function createSuccessBodyMiddleware(): Middleware {
  return {
    async onResponse({ response, options }) {
      if (!response.ok || (options.parseAs ?? "json") !== "json") return undefined;
      if (response.status === 204 || response.headers.get("content-length") === "0") {
        return undefined;
      }
      const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
      const init = { status: response.status, headers: response.headers };
      const text = await response.text().catch((cause: unknown) => {
        throw new InvalidResponseError(
          `The server's ${response.status} answer was cut off before its body was complete.`,
          init,
          { cause },
        );
      });
      // The body is rebuilt from decoded text: length and encoding headers no longer apply.
      const headers = new Headers(response.headers);
      for (const name of ["content-length", "content-encoding", "transfer-encoding"]) {
        headers.delete(name);
      }
      const rebuilt = { status: response.status, statusText: response.statusText, headers };
      if (text === "") return new Response(null, rebuilt);
      if (
        type !== "" &&
        type !== "application/json" &&
        !/^application\/[\w.+-]+\+json$/.test(type)
      ) {
        throw new InvalidResponseError(
          `The server answered ${response.status} with ${type} instead of JSON: is baseUrl the Everruns API?`,
          init,
        );
      }
      try {
        JSON.parse(text);
      } catch {
        throw new InvalidResponseError(
          `The server's ${response.status} answer is not complete JSON (${text.length} characters, possibly cut off).`,
          init,
        );
      }
      return new Response(text, rebuilt);
    },
  };
}
