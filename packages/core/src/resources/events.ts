import { unwrap } from "../http/unwrap.js";
import { Page } from "../pagination/page.js";
import type { RequestOptions } from "../request-options.js";
import type { EventListQuery, SessionEvent } from "../types.js";
import { assertPathParam } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Stored events of a session. For live events, use `streamEvents` from `@everruns/streaming`. */
export class Events extends ApiResource {
  /**
   * Lists stored events in order, with the API's filters (`since_id`, `types`, `exclude`,
   * `turn_id`, `limit` up to 1000, ...). With a `limit`, iterating the page fetches later
   * events page by page (`since_id` of the last one) until a short page.
   *
   * Events whose `type` this SDK version does not know are returned untouched, typed as
   * {@link SessionEvent}'s unknown member.
   */
  async list(
    sessionId: string,
    query: EventListQuery = {},
    options?: RequestOptions,
  ): Promise<Page<SessionEvent>> {
    assertPathParam(sessionId, "sessionId");
    const { data, response } = await this.raw
      .GET("/v1/sessions/{session_id}/events", {
        params: { path: { session_id: sessionId }, query },
        ...this.init(options),
      })
      .then((result) => ({ data: unwrap(result), response: result.response }));
    const events = data.data as SessionEvent[];
    const totalHeader = Number(response.headers.get("x-total-count"));
    const last = events.at(-1);
    const full = query.limit != null && events.length >= query.limit;
    return new Page({
      data: events,
      total:
        Number.isFinite(totalHeader) && response.headers.has("x-total-count")
          ? totalHeader
          : events.length,
      offset: 0,
      limit: query.limit ?? events.length,
      fetchNext:
        full && last && !query.order_desc
          ? () => this.list(sessionId, { ...query, since_id: last.id }, options)
          : undefined,
    });
  }
}
