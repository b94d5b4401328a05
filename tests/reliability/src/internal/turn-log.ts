import type { SessionEvent } from "@everruns/core";

/** Event types that end a turn. */
export const TERMINAL_TYPES: ReadonlySet<string> = new Set([
  "turn.completed",
  "turn.failed",
  "turn.cancelled",
]);

/** The turn an event belongs to, from its context. */
export function turnOf(event: SessionEvent): string | undefined {
  return event.context?.turn_id ?? undefined;
}

/** Ids that occur more than once, and places where `sequence` does not go up by one. */
export function orderProblems(events: readonly SessionEvent[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  let previous: number | undefined;
  for (const event of events) {
    if (seen.has(event.id)) problems.push(`duplicate ${event.id}`);
    seen.add(event.id);
    const sequence = event.sequence ?? Number.NaN;
    if (previous !== undefined && sequence !== previous + 1)
      problems.push(`sequence ${previous} then ${sequence}`);
    previous = sequence;
  }
  return problems;
}
