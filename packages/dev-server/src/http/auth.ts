import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ApiProblem } from "./problem.js";

/**
 * Requires `Authorization: <apiKey>` (the key itself, no `Bearer ` prefix, as the Everruns API
 * does). Answers 401 `unauthorized` otherwise; the detail never repeats what was sent.
 */
export function requireApiKey(apiKey: string): MiddlewareHandler {
  const expected = digest(apiKey);
  return async (c, next) => {
    const given = c.req.header("authorization");
    if (given === undefined || given === "") {
      throw new ApiProblem(
        401,
        "unauthorized",
        "Missing API key: send it in the Authorization header (the key itself, no Bearer prefix).",
      );
    }
    // Comparing fixed-size digests keeps the comparison constant-time whatever the lengths.
    if (!timingSafeEqual(digest(given), expected)) {
      const bearer =
        /^bearer\s/i.test(given) && timingSafeEqual(digest(given.slice(7).trim()), expected);
      throw new ApiProblem(
        401,
        "unauthorized",
        bearer
          ? "Send the API key itself in the Authorization header, without the Bearer prefix."
          : "The API key is not valid for this server.",
      );
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
