import type { Everruns } from "@everruns/core";
import { useEffect, useState } from "react";
import { describeError } from "../lib/describe-error.ts";
import { formatTime } from "../lib/format-time.ts";
import { useLoader } from "../lib/use-loader.ts";
import { hrefOf } from "../use-hash-route.ts";

/** Sessions, newest first, with the API's search and a pin toggle; a click opens the session. */
export function SessionsPage({ client }: { client: Everruns }) {
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string>();
  // Searching as one types, but one request per pause rather than per key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const sessions = useLoader(
    async () =>
      (await client.sessions.list({ limit: 100, ...(query ? { search: query } : {}) })).data,
    [client, query],
  );
  const agents = useLoader(async () => (await client.agents.list({ limit: 100 })).data, [client]);
  const agentName = (id: string | null | undefined) => {
    const agent = id ? agents.value?.find((candidate) => candidate.id === id) : undefined;
    return agent ? agent.display_name || agent.name : id ? id : "—";
  };

  const togglePin = async (sessionId: string, pinned: boolean) => {
    try {
      await (pinned ? client.sessions.unpin(sessionId) : client.sessions.pin(sessionId));
      setError(undefined);
      sessions.reload();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  const create = async () => {
    try {
      const session = await client.sessions.create({});
      window.location.hash = hrefOf({ page: "session", sessionId: session.id });
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <section className="card">
      <div className="toolbar">
        <h2>Sessions</h2>
        <input
          type="search"
          aria-label="Search sessions"
          placeholder="Search title, id, tags…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="button" onClick={create}>
          New session
        </button>
      </div>
      {(sessions.error || error) && <p className="error">{sessions.error ?? error}</p>}
      {sessions.value?.length === 0 && (
        <p className="muted">{query ? "No session matches." : "No sessions yet."}</p>
      )}
      {sessions.value && sessions.value.length > 0 && (
        <table className="table" aria-label="Sessions">
          <thead>
            <tr>
              <th>Session</th>
              <th>Agent</th>
              <th>Status</th>
              <th>Created</th>
              <th>
                <span className="sr-only">Pinned</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.value.map((session) => (
              <tr key={session.id}>
                <td>
                  <a href={hrefOf({ page: "session", sessionId: session.id })}>
                    {session.title || <code>{session.id}</code>}
                  </a>
                </td>
                <td>{agentName(session.agent_id)}</td>
                <td>
                  <span className={`badge status-${session.status}`}>{session.status}</span>
                </td>
                <td className="muted">{formatTime(session.created_at)}</td>
                <td>
                  <button
                    type="button"
                    className={session.is_pinned ? "pin on" : "pin"}
                    aria-pressed={Boolean(session.is_pinned)}
                    aria-label={`Pin ${session.title || session.id}`}
                    onClick={() => togglePin(session.id, Boolean(session.is_pinned))}
                  >
                    {session.is_pinned ? "Pinned" : "Pin"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
