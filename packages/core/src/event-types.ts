import { eventTypeValues } from "./generated/openapi.js";
import type { EventType, KnownSessionEvent, SessionEvent } from "./types.js";

/** Every event type this SDK version knows, in the spec's order. */
export const KNOWN_EVENT_TYPES: readonly EventType[] = eventTypeValues;

const known = new Set<string>(KNOWN_EVENT_TYPES);

/** True when `type` is one of {@link KNOWN_EVENT_TYPES}. */
export function isKnownEventType(type: string): type is EventType {
  return known.has(type);
}

/** True when the event's type is known to this SDK version, so its `data` is typed. */
export function isKnownEvent(event: SessionEvent): event is KnownSessionEvent {
  return known.has(event.type);
}
