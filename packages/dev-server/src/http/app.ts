import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { registerConsoleRoutes } from "../console/console-routes.js";
import { requireApiKey } from "./auth.js";
import { hostCheck } from "./host-check.js";
import { openapiDocument } from "./openapi-document.js";
import { ApiProblem } from "./problem.js";
import { MAX_BODY_BYTES } from "./read-body.js";
import { registerOperations } from "./register-operations.js";
import { agentHealthCheckHandlers } from "./routes/agent-health-checks.js";
import { agentUtilityHandlers } from "./routes/agent-utilities.js";
import { agentVersionHandlers } from "./routes/agent-versions.js";
import { agentHandlers } from "./routes/agents.js";
import { capabilityAuthoringHandlers } from "./routes/capability-authoring.js";
import { catalogHandlers } from "./routes/catalog.js";
import { eventHandlers } from "./routes/events.js";
import { harnessHandlers } from "./routes/harnesses.js";
import { imageHandlers } from "./routes/images.js";
import { memoryHandlers } from "./routes/memories.js";
import { messageHandlers } from "./routes/messages.js";
import { sessionControlHandlers } from "./routes/session-control.js";
import { sessionHandlers } from "./routes/sessions.js";
import { taskHandlers } from "./routes/tasks.js";
import { workspaceHandlers } from "./routes/workspaces.js";
import type { ServerContext } from "./server-context.js";

/**
 * The dev server's HTTP app: the API under `/v1` and `/api/v1` (every operation of our spec,
 * behind the API key), `GET /openapi.json` and `GET /health` (open), the dev console at `/` and
 * `/console` (its files are open, its data comes from the API), problem+json for every
 * error, and an optional CORS allow-list. `log` gets one line per request: method, path
 * (no query string), status and duration; never headers or bodies.
 */
export function createApp(server: ServerContext, log: ((line: string) => void) | undefined): Hono {
  const app = new Hono();
  const specJson = JSON.stringify(openapiDocument);

  if (log) {
    app.use("*", async (c, next) => {
      const started = performance.now();
      await next();
      const ms = (performance.now() - started).toFixed(1);
      log(`${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${ms}ms`);
    });
  }
  // Before CORS and auth: a rebound name must get nothing, not even a preflight answer.
  app.use("*", hostCheck(server.settings.host, server.settings.allowedHosts));
  if (server.settings.cors.length > 0) {
    app.use(
      "*",
      cors({
        origin: [...server.settings.cors],
        allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allowHeaders: [
          "Authorization",
          "Content-Type",
          "X-Org-Id",
          "X-Everruns-Client",
          "Cache-Control",
          "Last-Event-ID",
        ],
        // Response headers the SDK reads; a browser hides every other one from scripts.
        exposeHeaders: [
          "X-Request-Id",
          "Request-Id",
          "X-Total-Count",
          "Retry-After",
          "Retry-After-Ms",
        ],
        maxAge: 600,
      }),
    );
  }

  app.get("/health", (c) => c.json({ status: "ok" }));
  app.get("/openapi.json", (c) => c.body(specJson, 200, { "content-type": "application/json" }));
  registerConsoleRoutes(app, { ...server.console, apiKey: server.settings.apiKey });

  const api = new Hono();
  api.use("*", requireApiKey(server.settings.apiKey));
  api.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () =>
        new ApiProblem(
          413,
          "payload_too_large",
          `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB).`,
          // The rest of the body is never read: close the connection so it is not reused.
          { headers: { connection: "close" } },
        ).toResponse(),
    }),
  );
  const routes = registerOperations(api, server, {
    ...agentHandlers,
    ...sessionHandlers,
    ...sessionControlHandlers,
    ...taskHandlers,
    ...messageHandlers,
    ...eventHandlers,
    ...catalogHandlers,
    // control plane A
    ...agentVersionHandlers,
    ...agentHealthCheckHandlers,
    ...agentUtilityHandlers,
    ...harnessHandlers,
    ...capabilityAuthoringHandlers,
    ...workspaceHandlers,
    ...memoryHandlers,
    ...imageHandlers,
  });
  app.route("/v1", api);
  app.route("/api/v1", api);

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname.replace(/^\/api(?=\/v1\/)/, "");
    const rest = path.startsWith("/v1/") ? path.slice(3) : undefined;
    const route = rest === undefined ? undefined : routes.find((shape) => shape.pattern.test(rest));
    if (route) {
      return new ApiProblem(
        405,
        "method_not_allowed",
        `${c.req.method} is not allowed on ${path}; allowed: ${route.methods.join(", ")}.`,
        { headers: { allow: route.methods.join(", ") } },
      ).toResponse();
    }
    return new ApiProblem(404, "route_not_found", `No route ${c.req.method} ${path}.`).toResponse();
  });

  app.onError((error) => {
    if (error instanceof ApiProblem) return error.toResponse();
    log?.(
      `internal error: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown"}`,
    );
    return new ApiProblem(
      500,
      "internal_error",
      "The dev server failed on this request.",
    ).toResponse();
  });
  return app;
}
