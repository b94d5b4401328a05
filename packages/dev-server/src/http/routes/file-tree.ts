import type { CreatePathRequest, GrepRequest, UpdatePathRequest } from "@everruns/core";
import type { Context } from "hono";
import { contentTypeFor, isText } from "../../domain/file-content.js";
import type { FileTree } from "../../domain/file-tree.js";
import { ApiProblem } from "../problem.js";
import type { ServerContext } from "../server-context.js";

/** The validated inputs every file-tree operation gets (owner id already resolved). */
interface TreeInput {
  c: Context;
  server: ServerContext;
  path: { path?: string; [key: string]: unknown };
  query: { recursive?: boolean };
  body: unknown;
}

/**
 * The HTTP side of the filesystem verbs, written once for every kind of tree: `open` resolves
 * the owner (404 when it does not exist) and answers its {@link FileTree}. The workspace and
 * memory routes map their operation ids onto these.
 */
export function fileTreeRoutes(open: (server: ServerContext, ownerId: string) => FileTree) {
  return {
    listRoot({ c, server, query }: TreeInput, owner: string) {
      return c.json({ data: open(server, owner).list("/", query.recursive ?? false) });
    },
    read({ c, server, path, query }: TreeInput, owner: string) {
      return c.json(open(server, owner).read(path.path ?? "", query.recursive ?? false));
    },
    create({ c, server, path, body }: TreeInput, owner: string) {
      return c.json(open(server, owner).create(path.path ?? "", body as CreatePathRequest), 201);
    },
    update({ c, server, path, body }: TreeInput, owner: string) {
      return c.json(open(server, owner).update(path.path ?? "", body as UpdatePathRequest));
    },
    delete({ c, server, path, query }: TreeInput, owner: string) {
      open(server, owner).delete(path.path ?? "", query.recursive ?? false);
      return c.json({ deleted: true });
    },
    move({ c, server, body }: TreeInput, owner: string) {
      const { src_path, dst_path } = body as { src_path: string; dst_path: string };
      return c.json(open(server, owner).move(src_path, dst_path));
    },
    copy({ c, server, body }: TreeInput, owner: string) {
      const { src_path, dst_path } = body as { src_path: string; dst_path: string };
      return c.json(open(server, owner).copy(src_path, dst_path), 201);
    },
    stat({ c, server, body }: TreeInput, owner: string) {
      return c.json(open(server, owner).stat((body as { path: string }).path));
    },
    grep({ c, server, body }: TreeInput, owner: string) {
      const { pattern, path_pattern } = body as GrepRequest;
      return c.json({ data: open(server, owner).grep(pattern, path_pattern) });
    },
    download({ server, path }: TreeInput, owner: string) {
      const file = open(server, owner).bytes(path.path ?? "");
      return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: {
          "content-type": contentTypeFor(file.name),
          "content-length": String(file.bytes.byteLength),
          "content-disposition": attachment(file.name),
          "x-content-type-options": "nosniff",
        },
      });
    },
    preview({ server, path }: TreeInput, owner: string) {
      const file = open(server, owner).bytes(path.path ?? "");
      if (!isText(file.bytes)) {
        throw new ApiProblem(
          415,
          "not_previewable",
          `${file.path} is not text; download it instead.`,
        );
      }
      const text = new TextDecoder().decode(file.bytes);
      const html = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(file.name)}</title><pre>${escapeHtml(text)}</pre>\n`;
      return new Response(html, {
        status: 200,
        headers: {
          "content-type": "text/html; charset=utf-8",
          // The page shows a user's file: no script, style or request may come from it.
          "content-security-policy": "default-src 'none'",
          "x-content-type-options": "nosniff",
        },
      });
    },
  };
}

/** A `Content-Disposition` naming the file, ASCII fallback plus the RFC 5987 UTF-8 form. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
