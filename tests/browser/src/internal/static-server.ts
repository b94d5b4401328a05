import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
};

/** Answers one request on a route of the page's own origin (e.g. a relay of a session). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** A running static file server. */
export interface StaticServer {
  /** Its origin, e.g. `http://127.0.0.1:41234`: the page's origin for CORS. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the files of `root` on 127.0.0.1 and a free port: `/` is `index.html`, anything
 * outside `root` or missing is a 404; `routes` answer their exact paths. Enough for a built
 * page; not a general web server.
 */
export async function serveStatic(
  root: string,
  routes: Record<string, RouteHandler> = {},
): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (route) {
      await route(request, response);
      return;
    }
    const file = normalize(join(root, path === "/" ? "index.html" : decodeURIComponent(path)));
    if (!file.startsWith(`${normalize(root)}${sep}`)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
