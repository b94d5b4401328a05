import type { Everruns } from "@everruns/core";
import { type FormEvent, type KeyboardEvent, useMemo, useState } from "react";
import { EventTimeline } from "../components/event-timeline.tsx";
import { FileBrowser } from "../components/file-browser.tsx";
import { Tabs } from "../components/tabs.tsx";
import { Transcript } from "../components/transcript.tsx";
import { buildTranscript, turnRunning } from "../lib/build-transcript.ts";
import { describeError } from "../lib/describe-error.ts";
import { fileWrites } from "../lib/file-writes.ts";
import { formatTime } from "../lib/format-time.ts";
import { useLoader } from "../lib/use-loader.ts";
import { useSessionEvents } from "../lib/use-session-events.ts";
import { hrefOf } from "../use-hash-route.ts";

/**
 * One session: transcript, a box to send a message or cancel, and beside them the live event
 * timeline or the session's workspace files.
 */
export function SessionPage({ client, sessionId }: { client: Everruns; sessionId: string }) {
  const session = useLoader(() => client.sessions.get(sessionId), [client, sessionId]);
  const live = useSessionEvents(client, sessionId);
  const items = useMemo(() => buildTranscript(live.events), [live.events]);
  const running = turnRunning(live.events);
  const writes = useMemo(() => fileWrites(live.events), [live.events]);
  const [panel, setPanel] = useState<"events" | "files">("events");

  return (
    <div className="session">
      <section className="card session-head">
        <a href={hrefOf({ page: "sessions" })} className="muted small">
          ← Sessions
        </a>
        <h2>{session.value?.title || <code>{sessionId}</code>}</h2>
        {session.error && <p className="error">{session.error}</p>}
        <p className="muted small">
          {session.value && <>created {formatTime(session.value.created_at)} · </>}
          <span className={`badge status-${running ? "active" : "idle"}`}>
            {running ? "turn running" : "idle"}
          </span>{" "}
          · stream <span className={`badge stream-${live.state}`}>{live.state}</span> ·{" "}
          <span data-testid="event-count">{live.events.length} events</span>
        </p>
        {live.warning && <p className="muted small">{live.warning}</p>}
        {live.error && <p className="error">{live.error}</p>}
      </section>
      <div className="session-body">
        <section className="card conversation">
          <Transcript items={items} />
          <Composer client={client} sessionId={sessionId} running={running} />
        </section>
        <section className="card events-pane" aria-label="Events and files">
          <Tabs
            label="Session panels"
            selected={panel}
            onSelect={setPanel}
            tabs={[
              { id: "events", title: `Events (${live.events.length})` },
              {
                id: "files",
                title: writes.count > 0 ? `Files (${writes.count} written)` : "Files",
              },
            ]}
          >
            {panel === "events" ? (
              <EventTimeline events={live.events} />
            ) : session.value ? (
              <FileBrowser
                client={client}
                workspaceId={session.value.workspace_id}
                revision={writes.count}
                lastWritten={writes.lastPath}
              />
            ) : (
              <p className="muted">Loading…</p>
            )}
          </Tabs>
        </section>
      </div>
    </div>
  );
}

function Composer({
  client,
  sessionId,
  running,
}: {
  client: Everruns;
  sessionId: string;
  running: boolean;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const message = text.trim();
    if (!message) return;
    try {
      await client.messages.create(sessionId, message);
      setText("");
      setError(undefined);
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const cancel = async () => {
    try {
      await client.sessions.cancel(sessionId);
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
  };
  return (
    <form className="composer" onSubmit={send}>
      <textarea
        aria-label="Message"
        placeholder="Send a message (Enter sends, Shift+Enter for a new line)"
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="actions">
        <button type="submit" disabled={text.trim() === ""}>
          Send
        </button>
        <button type="button" className="secondary" onClick={cancel} disabled={!running}>
          Cancel turn
        </button>
        {error && <span className="error">{error}</span>}
      </div>
    </form>
  );
}
