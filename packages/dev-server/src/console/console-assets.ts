import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the built console page lives: `dist/console-app/` of this package (`dist/console/` is
 * this server code, compiled). The path is the same from `src/console/` (tests) and
 * `dist/console/` (the build), so both find the files Vite wrote.
 */
export const CONSOLE_DIST_DIR = fileURLToPath(new URL("../../dist/console-app/", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** A static file of the console, ready to send. */
export interface ConsoleAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

/**
 * Reads console files from {@link CONSOLE_DIST_DIR} (or `dir`), keeping them in memory after
 * the first read: the build never changes under a running server. Only plain file names are
 * served, so no request can reach outside the folder.
 */
export class ConsoleAssets {
  readonly #dir: string;
  readonly #cache = new Map<string, Promise<ConsoleAsset | undefined>>();

  constructor(dir: string = CONSOLE_DIST_DIR) {
    this.#dir = dir;
  }

  /** `index.html`, or `undefined` when the console was not built. */
  index(): Promise<ConsoleAsset | undefined> {
    return this.#load("index.html");
  }

  /** A file of `assets/`, or `undefined` when there is none by that name. */
  asset(name: string): Promise<ConsoleAsset | undefined> {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name)) return Promise.resolve(undefined);
    return this.#load(`assets/${name}`);
  }

  #load(relative: string): Promise<ConsoleAsset | undefined> {
    let pending = this.#cache.get(relative);
    if (!pending) {
      const contentType = CONTENT_TYPES[extname(relative)] ?? "application/octet-stream";
      pending = readFile(join(this.#dir, relative)).then(
        (body) => ({ body: Uint8Array.from(body), contentType }),
        () => {
          // Misses are not kept: random names must not grow the cache.
          this.#cache.delete(relative);
          return undefined;
        },
      );
      this.#cache.set(relative, pending);
    }
    return pending;
  }
}
