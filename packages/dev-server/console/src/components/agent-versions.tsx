import type { Agent, Everruns } from "@everruns/core";
import { useState } from "react";
import { describeError } from "../lib/describe-error.ts";
import { formatTime } from "../lib/format-time.ts";
import { useLoader } from "../lib/use-loader.ts";

/**
 * An agent's saved versions, newest first, with the one its sessions run marked as default;
 * another can be made the default, and the current settings saved as a new version.
 */
export function AgentVersions({
  client,
  agent,
  onChanged,
}: {
  client: Everruns;
  agent: Agent;
  /** Called after the default changed or a version was saved: the agent itself changed. */
  onChanged: () => void;
}) {
  // An edit of a versioned agent saves an `auto` version, so the list follows `updated_at`.
  const versions = useLoader(
    () => client.agents.versions.list(agent.id),
    [client, agent.id, agent.updated_at, agent.default_version_id],
  );
  const [note, setNote] = useState<string>();
  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setNote(undefined);
      versions.reload();
      onChanged();
    } catch (caught) {
      setNote(describeError(caught));
    }
  };

  return (
    <section className="versions" aria-labelledby="agent-versions-title">
      <div className="toolbar small-toolbar">
        <h3 id="agent-versions-title">Versions</h3>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            act(() => client.agents.versions.create(agent.id, { change_kind: "manual" }))
          }
        >
          Save as version
        </button>
      </div>
      {note && <p className="error">{note}</p>}
      {versions.error && <p className="error">{versions.error}</p>}
      {versions.value?.length === 0 && (
        <p className="muted small">
          No versions yet: sessions run the agent's current settings. Save one to keep them.
        </p>
      )}
      {versions.value && versions.value.length > 0 && (
        <table className="table" aria-label="Agent versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Kind</th>
              <th scope="col">Saved</th>
              <th scope="col">
                <span className="sr-only">Default</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.value.map((version) => {
              const isDefault = version.id === agent.default_version_id;
              return (
                <tr key={version.id} aria-current={isDefault ? "true" : undefined}>
                  <td>
                    <strong>v{version.version_number}</strong>{" "}
                    <span className="muted small">{version.version}</span>
                    {version.summary && <div className="muted small">{version.summary}</div>}
                  </td>
                  <td>{version.change_kind}</td>
                  <td className="small">{formatTime(version.created_at)}</td>
                  <td>
                    {isDefault ? (
                      <span className="badge default">default</span>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`Make v${version.version_number} the default`}
                        onClick={() =>
                          act(() => client.agents.versions.setDefault(agent.id, version.id))
                        }
                      >
                        Make default
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
