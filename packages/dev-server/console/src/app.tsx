import { Everruns } from "@everruns/core";
import { useEffect, useMemo, useState } from "react";
import { forgetApiKey, redeemUrlToken, storedApiKey } from "./api-key.ts";
import { AgentsPage } from "./pages/agents-page.tsx";
import { SessionPage } from "./pages/session-page.tsx";
import { SessionsPage } from "./pages/sessions-page.tsx";
import { SignInPage } from "./pages/sign-in-page.tsx";
import { hrefOf, useHashRoute } from "./use-hash-route.ts";

/** The console: signs in (URL token, stored key or the key typed in), then routes by hash. */
export function App() {
  const [apiKey, setApiKey] = useState<string | undefined>(storedApiKey);
  const [checking, setChecking] = useState(true);
  const route = useHashRoute();

  useEffect(() => {
    redeemUrlToken().then(
      (key) => {
        if (key) setApiKey(key);
        setChecking(false);
      },
      () => setChecking(false),
    );
  }, []);

  const client = useMemo(
    () => (apiKey ? new Everruns({ baseUrl: window.location.origin, apiKey }) : undefined),
    [apiKey],
  );

  if (checking && !apiKey) return <p className="muted pad">Signing in…</p>;
  if (!client) return <SignInPage onSignedIn={setApiKey} />;

  return (
    <div className="shell">
      <header className="topbar">
        <strong className="brand">Everruns dev console</strong>
        <nav>
          <a
            href={hrefOf({ page: "sessions" })}
            aria-current={route.page !== "agents" ? "page" : undefined}
          >
            Sessions
          </a>
          <a
            href={hrefOf({ page: "agents" })}
            aria-current={route.page === "agents" ? "page" : undefined}
          >
            Agents
          </a>
        </nav>
        <button
          type="button"
          className="link"
          onClick={() => {
            forgetApiKey();
            setApiKey(undefined);
          }}
        >
          Sign out
        </button>
      </header>
      <main>
        {route.page === "agents" && <AgentsPage client={client} />}
        {route.page === "sessions" && <SessionsPage client={client} />}
        {route.page === "session" && (
          <SessionPage key={route.sessionId} client={client} sessionId={route.sessionId} />
        )}
      </main>
    </div>
  );
}
