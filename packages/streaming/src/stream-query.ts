import type { EventStreamQuery, EventType } from "@everruns/core";

/** What the SSE query is built from. */
export interface StreamQueryInput {
  /** Resume after this event id (`since_id`). */
  sinceId?: string | undefined;
  /** Only these event types (`types`). */
  types?: readonly EventType[] | undefined;
  /** Never these event types (`exclude`). */
  exclude?: readonly EventType[] | undefined;
}

/**
 * The query of `GET /v1/sessions/{id}/sse` for one connection attempt, as openapi-fetch takes
 * it: `since_id` only when there is one, `types` / `exclude` only when non-empty. openapi-fetch
 * then writes each array as repeated keys (`types=a&types=b`, never comma-joined or `types[]`)
 * and URL-encodes every value.
 */
export function buildStreamQuery(input: StreamQueryInput): EventStreamQuery {
  const query: EventStreamQuery = {};
  if (input.sinceId) query.since_id = input.sinceId;
  if (input.types && input.types.length > 0) query.types = [...input.types];
  if (input.exclude && input.exclude.length > 0) query.exclude = [...input.exclude];
  return query;
}
