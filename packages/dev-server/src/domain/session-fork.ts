import type { ForkSessionRequest } from "@everruns/core";
import { newId, nowIso } from "../ids.js";
import type { SessionRecord } from "../store/records.js";
import type { Store } from "../store/store.js";

/**
 * Copies a session: a new session with the source's settings (overridden by `request`), a copy
 * of every message (new ids, same content and order) and of its storage. One transaction, so a
 * crash never leaves half a fork. The caller checks the source is not mid-turn.
 */
export function forkSession(
  store: Store,
  source: SessionRecord,
  request: ForkSessionRequest,
): SessionRecord {
  const now = nowIso();
  return store.transaction(() => {
    const messages = store.messages.list(source.id);
    const fork: SessionRecord = {
      ...source,
      id: newId("session"),
      status: messages.length > 0 ? "idle" : "started",
      agent_id: pick(request.agent_id, source.agent_id ?? null),
      model_id: pick(request.model_id, source.model_id ?? null),
      system_prompt: pick(request.system_prompt, source.system_prompt ?? null),
      locale: pick(request.locale, source.locale ?? null),
      tags: request.tags ?? source.tags ?? [],
      forked_from_session_id: source.id,
      forked_from_sequence: messages.at(-1)?.sequence ?? null,
      is_pinned: false,
      started_at: null,
      finished_at: null,
      created_at: now,
      updated_at: now,
    };
    store.sessions.insert(fork);
    for (const message of messages) {
      const { session_id: _session, sequence: _sequence, ...content } = message;
      store.messages.append(fork.id, { ...content, id: newId("message") });
    }
    store.sessionStorage.copy(source.id, fork.id, now);
    return fork;
  });
}

/** The override when the request gives one (`null` included: it clears), else the source's. */
function pick<T>(override: T | undefined, inherited: T): T {
  return override === undefined ? inherited : override;
}
