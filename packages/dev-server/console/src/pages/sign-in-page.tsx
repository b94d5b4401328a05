import { AuthenticationError, Everruns } from "@everruns/core";
import { type FormEvent, useState } from "react";
import { storeApiKey } from "../api-key.ts";
import { describeError } from "../lib/describe-error.ts";

/** Asks for the API key when the tab has none; checks it against the API before keeping it. */
export function SignInPage({ onSignedIn }: { onSignedIn: (apiKey: string) => void }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const client = new Everruns({ baseUrl: window.location.origin, apiKey: key, maxRetries: 0 });
      await client.agents.list({ limit: 1 });
      storeApiKey(key);
      onSignedIn(key);
    } catch (caught) {
      setError(
        caught instanceof AuthenticationError
          ? "This key is not valid for this dev server."
          : describeError(caught),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sign-in card" onSubmit={submit}>
      <h1>Everruns dev console</h1>
      <p className="muted">
        Open the console link the dev server printed, or enter its API key (<code>--api-key</code>,{" "}
        <code>dev</code> unless you chose one).
      </p>
      <label>
        API key
        <input
          type="password"
          name="api-key"
          autoComplete="off"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          required
        />
      </label>
      <button type="submit" disabled={busy || key === ""}>
        Sign in
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
