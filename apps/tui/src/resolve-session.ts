import type { Everruns } from "@everruns/core";

const SESSION_ID = /^session_[0-9a-f]{32}$/;
/** How many recent sessions a short id is looked up among. */
export const SHORT_ID_SEARCH_LIMIT = 500;

/**
 * Turns what a user typed after `--resume` into a session id: a full id (`session_<32 hex>`)
 * as is; otherwise the end of one (the footer shows the last 8 characters) or its start,
 * looked up among the {@link SHORT_ID_SEARCH_LIMIT} most recent sessions. Throws an error
 * that says what to do when nothing or more than one session matches.
 */
export async function resolveSessionId(client: Everruns, reference: string): Promise<string> {
  const typed = reference.trim().toLowerCase();
  if (SESSION_ID.test(typed)) return typed;
  const bare = typed.replace(/^session_/, "");
  if (!/^[0-9a-f]{4,32}$/.test(bare)) {
    throw new Error(
      `"${reference}" is not a session id: use the full id (session_ and 32 hex characters, shown by /session) or its last characters.`,
    );
  }
  const matches: string[] = [];
  let seen = 0;
  for await (const session of await client.sessions.list({ limit: 100 })) {
    const hex = session.id.replace(/^session_/, "");
    if (hex.endsWith(bare) || hex.startsWith(bare)) matches.push(session.id);
    if (++seen >= SHORT_ID_SEARCH_LIMIT) break;
  }
  if (matches.length === 1) return matches[0] as string;
  if (matches.length === 0) {
    throw new Error(
      `No session id ends or starts with "${reference}" (try --resume alone to pick one).`,
    );
  }
  throw new Error(
    `"${reference}" matches ${matches.length} sessions (${matches.slice(0, 3).join(", ")}…): give more characters.`,
  );
}

/** The most recent session of the server (of `agentId` when given), if there is one. */
export async function latestSessionId(
  client: Everruns,
  agentId?: string,
): Promise<string | undefined> {
  const page = await client.sessions.list({ limit: 1, ...(agentId ? { agent_id: agentId } : {}) });
  return page.data[0]?.id;
}
