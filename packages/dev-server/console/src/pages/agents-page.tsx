import type { AgentWithCounts, Everruns } from "@everruns/core";
import { type FormEvent, useEffect, useState } from "react";
import { AgentVersions } from "../components/agent-versions.tsx";
import { describeError } from "../lib/describe-error.ts";
import { formatTime } from "../lib/format-time.ts";
import { useLoader } from "../lib/use-loader.ts";
import { hrefOf } from "../use-hash-route.ts";

/**
 * Agents: the list, a form to create one, and the selected agent's prompt to edit with its
 * saved versions.
 */
export function AgentsPage({ client }: { client: Everruns }) {
  const agents = useLoader(async () => (await client.agents.list({ limit: 100 })).data, [client]);
  const [selectedId, setSelectedId] = useState<string>();
  const selected = agents.value?.find((agent) => agent.id === selectedId) ?? agents.value?.[0];

  return (
    <div className="split">
      <section className="card list-pane">
        <h2>Agents</h2>
        {agents.error && <p className="error">{agents.error}</p>}
        {agents.value?.length === 0 && <p className="muted">No agents yet: create one below.</p>}
        <ul className="rows" aria-label="Agents">
          {agents.value?.map((agent) => (
            <li key={agent.id}>
              <button
                type="button"
                className={agent.id === selected?.id ? "row selected" : "row"}
                onClick={() => setSelectedId(agent.id)}
              >
                <span className="row-title">{agent.display_name || agent.name}</span>
                <span className="muted small">
                  {agent.session_count} session{agent.session_count === 1 ? "" : "s"}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <CreateAgentForm
          client={client}
          onCreated={(id) => {
            setSelectedId(id);
            agents.reload();
          }}
        />
      </section>
      {selected && (
        <AgentEditor key={selected.id} client={client} agent={selected} onSaved={agents.reload} />
      )}
    </div>
  );
}

function CreateAgentForm({
  client,
  onCreated,
}: {
  client: Everruns;
  onCreated: (id: string) => void;
}) {
  const [name, setName] = useState("");
  const [prompt, setPrompt] = useState("");
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const agent = await client.agents.create({ name, system_prompt: prompt });
      setName("");
      setPrompt("");
      setError(undefined);
      onCreated(agent.id);
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="New agent">
      <h3>New agent</h3>
      <input placeholder="name" value={name} onChange={(e) => setName(e.target.value)} required />
      <textarea
        placeholder="system prompt"
        rows={3}
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        required
      />
      <button type="submit">Create agent</button>
      {error && <p className="error">{error}</p>}
    </form>
  );
}

function AgentEditor({
  client,
  agent,
  onSaved,
}: {
  client: Everruns;
  agent: AgentWithCounts;
  onSaved: () => void;
}) {
  const [prompt, setPrompt] = useState(agent.system_prompt);
  const [note, setNote] = useState<string>();
  useEffect(() => {
    setPrompt(agent.system_prompt);
  }, [agent.system_prompt]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await client.agents.update(agent.id, { system_prompt: prompt });
      setNote("Saved.");
      onSaved();
    } catch (caught) {
      setNote(describeError(caught));
    }
  };
  const startSession = async () => {
    try {
      const session = await client.sessions.create({ agent_id: agent.id });
      window.location.hash = hrefOf({ page: "session", sessionId: session.id });
    } catch (caught) {
      setNote(describeError(caught));
    }
  };
  return (
    <section className="card detail-pane">
      <h2>{agent.display_name || agent.name}</h2>
      <p className="muted small">
        <code>{agent.id}</code> · created {formatTime(agent.created_at)} · {agent.status}
      </p>
      {agent.description && <p>{agent.description}</p>}
      <form className="stack" onSubmit={save} aria-label="Edit agent">
        <label htmlFor="agent-prompt">System prompt</label>
        <textarea
          id="agent-prompt"
          rows={12}
          value={prompt}
          onChange={(e) => {
            setPrompt(e.target.value);
            setNote(undefined);
          }}
        />
        <div className="actions">
          <button type="submit" disabled={prompt === agent.system_prompt}>
            Save prompt
          </button>
          <button type="button" className="secondary" onClick={startSession}>
            New session with this agent
          </button>
          {note && <span className="muted">{note}</span>}
        </div>
      </form>
      <AgentVersions client={client} agent={agent} onChanged={onSaved} />
    </section>
  );
}
