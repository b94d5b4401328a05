import type { Context } from "hono";

/**
 * The API base a request came in on: its origin, plus `/api` when it used the `/api/v1/...`
 * paths. Resource URLs (`self_url`, `next_url`, ...) are built from it, so they work whichever
 * address and prefix the client uses.
 */
export function apiBase(c: Context): string {
  const url = new URL(c.req.url);
  return url.pathname.startsWith("/api/") ? `${url.origin}/api` : url.origin;
}

/** The `self_url`, `view_url` and `ui_link` of a resource at `/v1/<collection>/<id>`. */
export function resourceUrls(
  base: string,
  collection: string,
  id: string,
): { self_url: string; view_url: string; ui_link: string } {
  const self = `${base}/v1/${collection}/${encodeURIComponent(id)}`;
  // The dev server has no web app: the "view" links point at the API resource itself.
  return { self_url: self, view_url: self, ui_link: self };
}

/** `next_url` / `prev_url` of an offset page, keeping the request's other query parameters. */
export function pageLinks(
  c: Context,
  page: { offset: number; limit: number; count: number; total: number },
): { next_url: string | null; prev_url: string | null } {
  const url = new URL(c.req.url);
  const at = (offset: number) => {
    const next = new URL(url);
    next.searchParams.set("offset", String(offset));
    next.searchParams.set("limit", String(page.limit));
    return next.toString();
  };
  const end = page.offset + page.count;
  return {
    next_url: page.count > 0 && end < page.total ? at(end) : null,
    prev_url: page.offset > 0 ? at(Math.max(0, page.offset - page.limit)) : null,
  };
}
