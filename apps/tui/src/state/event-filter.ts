import type { SessionEvent } from "@everruns/core";

/**
 * The events whose type or JSON data contain every word of `query` (ignoring case), in
 * order. An empty query keeps them all.
 */
export function filterEvents(
  events: readonly SessionEvent[],
  query: string,
): readonly SessionEvent[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return events;
  return events.filter((event) => {
    const haystack = `${event.type} ${JSON.stringify(event.data)}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
