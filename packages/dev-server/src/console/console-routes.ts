import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiProblem } from "../http/problem.js";
import type { ConsoleAssets } from "./console-assets.js";
import type { ConsoleToken } from "./console-token.js";

// The page loads only its own files and talks only to this server; no one may frame it, and
// the token in its first URL is never sent anywhere as a Referer.
const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/**
 * The dev console: `GET /` and `GET /console` answer its page, `GET /console/assets/<file>`
 * its built files (no key needed: they hold no data), and `POST /console/session` exchanges
 * the one-time token of the printed console URL for the API key. Everything the page shows
 * comes from the API, behind the key like for any client.
 */
export function registerConsoleRoutes(
  app: Hono,
  { assets, token, apiKey }: { assets: ConsoleAssets; token: ConsoleToken; apiKey: string },
): void {
  const page = async () => {
    const index = await assets.index();
    if (!index) {
      throw new ApiProblem(
        404,
        "console_not_built",
        "The console was not built: run `pnpm --filter @everruns/dev-server build`.",
      );
    }
    return new Response(index.body, {
      headers: { ...PAGE_HEADERS, "content-type": index.contentType, "cache-control": "no-store" },
    });
  };
  app.get("/", page);
  app.get("/console", page);
  app.get("/console/", page);

  app.get("/console/assets/:name", async (c) => {
    const file = await assets.asset(c.req.param("name"));
    if (!file) {
      throw new ApiProblem(404, "route_not_found", "No such console file.");
    }
    // Vite puts a content hash in every asset name, so a file never changes under its name.
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
    });
  });

  const smallBody = bodyLimit({
    maxSize: 1024,
    onError: () =>
      new ApiProblem(413, "payload_too_large", "The request body is larger than 1024 bytes.", {
        headers: { connection: "close" },
      }).toResponse(),
  });
  app.post("/console/session", smallBody, async (c) => {
    let given: unknown;
    try {
      given = ((await c.req.json()) as { token?: unknown } | null)?.token;
    } catch {
      throw new ApiProblem(400, "invalid_body", 'Send a JSON body: {"token": "..."}.');
    }
    if (typeof given !== "string" || given === "" || given.length > 200) {
      throw new ApiProblem(400, "invalid_body", 'Send a JSON body: {"token": "..."}.');
    }
    if (!token.redeem(given)) {
      throw new ApiProblem(
        401,
        "invalid_console_token",
        "This console link was already used or is not from this server: enter the API key instead.",
      );
    }
    return c.json({ api_key: apiKey }, 200, {
      "cache-control": "no-store",
    });
  });
}
