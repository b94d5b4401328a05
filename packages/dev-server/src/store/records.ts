import type { Agent, Message, Session } from "@everruns/core";

/** URL fields that depend on the address a request came in on, added when answering. */
export type UrlFields = "self_url" | "view_url" | "ui_link";

/** An agent as stored: the API object without its URL fields. */
export type AgentRecord = Omit<Agent, UrlFields>;

/** A session as stored: the API object without its URL fields. */
export type SessionRecord = Omit<Session, UrlFields>;

/** A stored message, always with its session and position. */
export type MessageRecord = Message & { session_id: string; sequence: number };

/** Where a turn is in its life. `queued` turns wait behind the running one of their session. */
export type TurnStatus = "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled";
