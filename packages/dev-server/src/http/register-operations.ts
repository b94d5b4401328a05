import type { Hono } from "hono";
import { specOperations } from "./openapi-document.js";
import type { OperationHandlers, OperationId, OperationInput } from "./operation-types.js";
import { readJsonBody } from "./read-body.js";
import type { ServerContext } from "./server-context.js";
import { apiBase } from "./urls.js";

/** A path template of the spec and the methods it allows, for 405 answers. */
export interface RouteShape {
  pattern: RegExp;
  methods: string[];
}

/**
 * Registers every operation of the spec on `api` (mounted under `/v1` and `/api/v1`): each
 * request's path and query parameters and its JSON body are validated against the spec before
 * the operation's handler runs. Returns the route shapes, for 405 Method Not Allowed.
 */
export function registerOperations(
  api: Hono,
  server: ServerContext,
  handlers: OperationHandlers,
): RouteShape[] {
  const validator = server.validator;
  const shapes = new Map<string, RouteShape>();
  for (const operation of literalSegmentsFirst(specOperations())) {
    // `{path}` is a file-tree path: the rest of the URL, slashes included.
    const honoPath = operation.path
      .replace(/^\/v1/, "")
      .replace(/\{([^}]+)\}/g, (_all, name: string) =>
        name === "path" ? ":path{.+}" : `:${name}`,
      );
    const handler = handlers[operation.operationId as OperationId] as unknown as (
      input: OperationInput<OperationId>,
    ) => Response | Promise<Response>;
    if (!handler) throw new Error(`No handler for operation ${operation.operationId}`);
    const validate = validator.forOperation(operation);
    api.on(operation.method, honoPath, async (c) => {
      const { path, query } = validate.params({
        path: (name) => c.req.param(name),
        query: (name) => c.req.query(name),
        queryAll: (name) => c.req.queries(name) ?? [],
      });
      let body: unknown;
      if (operation.jsonBody) {
        body = await readJsonBody(c);
        validate.body(body);
      }
      return handler({
        c,
        server,
        path,
        query,
        body,
        base: apiBase(c),
      } as OperationInput<OperationId>);
    });
    const shape = shapes.get(operation.path) ?? {
      pattern: new RegExp(
        `^${operation.path
          .replace(/^\/v1/, "")
          .replace(/\{([^}]+)\}/g, (_all, name: string) => (name === "path" ? ".+" : "[^/]+"))}/?$`,
      ),
      methods: [],
    };
    shape.methods.push(operation.method);
    shapes.set(operation.path, shape);
  }
  return [...shapes.values()];
}

/**
 * The operations with literal path segments before templated ones at the same position, so
 * `/v1/agents/analyze` is matched as itself and not as an agent named `analyze` (the router
 * tries routes in the order they are registered). Otherwise the spec's order is kept.
 */
export function literalSegmentsFirst<T extends { path: string }>(operations: T[]): T[] {
  const rank = (path: string) =>
    path.split("/").map((segment) => (segment.startsWith("{") ? 1 : 0));
  return operations
    .map((operation, index) => ({ operation, index, rank: rank(operation.path) }))
    .sort((a, b) => {
      // Lexicographic over the ranks (a total order, as sort needs), then the spec's order.
      const length = Math.min(a.rank.length, b.rank.length);
      for (let i = 0; i < length; i++) {
        if (a.rank[i] !== b.rank[i]) return (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
      }
      return a.rank.length - b.rank.length || a.index - b.index;
    })
    .map((entry) => entry.operation);
}
