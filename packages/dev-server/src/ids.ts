import { v7 as uuidv7 } from "uuid";

/** The prefixes of the IDs the dev server mints. */
export type IdPrefix =
  | "agent"
  | "session"
  | "message"
  | "event"
  | "turn"
  | "call"
  | "agentver"
  | "hcrun"
  | "harness"
  | "declcap"
  | "task"
  | "wsp"
  | "mem"
  | "img";

/**
 * Mints an ID in the API's format: `<prefix>_<32 lowercase hex>`, the hex being a UUIDv7
 * without dashes. UUIDv7 is time-ordered and monotonic within a process, so IDs minted later
 * sort later: event IDs increase, which `since_id` relies on.
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${uuidv7().replaceAll("-", "")}`;
}

/** The current time as an RFC 3339 timestamp with milliseconds (`2025-01-01T12:00:00.000Z`). */
export function nowIso(): string {
  return new Date().toISOString();
}
