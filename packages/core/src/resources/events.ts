import { Page } from "../pagination/page.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type { EventListQuery, SessionEvent } from "../types.js";
import { ApiResource } from "./api-resource.js";

/** How many events the API answers when no `limit` is given (its maximum page). */
const SERVER_EVENT_PAGE = 1000;

/** Stored events of a session. For live events, use `streamEvents` from `@everruns/streaming`. */
export class Events extends ApiResource {
  /**
   * Lists stored events in order, with the API's filters (`since_id`, `types`, `exclude`,
   * `turn_id`, `limit` up to 1000, ...). Iterating fetches later events page by page
   * (`since_id` of the last one) until a short page, with or without a `limit`.
   *
   * Events whose `type` this SDK version does not know are returned untouched, typed as
   * {@link SessionEvent}'s unknown member.
   */
  list(
    sessionId: string,
    query: EventListQuery = {},
    options?: RequestOptions,
  ): PagePromise<SessionEvent> {
    return this.pagedList(
      "/v1/sessions/{session_id}/events",
      { params: { path: { session_id: sessionId }, query } },
      options,
      (body, response, pageWith) => {
        const events = body.data as SessionEvent[];
        const total = Number(response.headers.get("x-total-count"));
        const last = events.at(-1);
        // Without a limit the server answers at most its own page size: a full one means more.
        const full = events.length >= (query.limit ?? SERVER_EVENT_PAGE);
        return new Page({
          data: events,
          total:
            response.headers.has("x-total-count") && Number.isFinite(total) ? total : events.length,
          offset: 0,
          limit: query.limit ?? events.length,
          fetchNext:
            full && last && !query.order_desc ? () => pageWith({ since_id: last.id }) : undefined,
        });
      },
    );
  }
}
