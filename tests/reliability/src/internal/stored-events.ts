import type { Everruns, SessionEvent } from "@everruns/core";

/** Every stored event of a session, oldest first, paged forward 1,000 at a time. */
export async function storedEvents(client: Everruns, sessionId: string): Promise<SessionEvent[]> {
  const all: SessionEvent[] = [];
  for (;;) {
    const page = await client.raw.GET("/v1/sessions/{session_id}/events", {
      params: {
        path: { session_id: sessionId },
        // A forward cursor makes `limit` page forward (without one it means "the last N").
        query: { limit: 1000, after_sequence: all.at(-1)?.sequence ?? 0 },
      },
    });
    const data = (page.data as { data: SessionEvent[] } | undefined)?.data;
    if (!data) throw new Error(`could not list the events of ${sessionId}`);
    all.push(...data);
    if (data.length < 1000) return all;
  }
}
