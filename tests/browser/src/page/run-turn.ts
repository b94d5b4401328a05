import { ApiError, Everruns } from "@everruns/core";
import { startTurn } from "@everruns/streaming";

/** What the page reports back to the test. */
export interface BrowserTurnReport {
  status: string;
  text: string;
  /** The deltas of `turn.textStream`, joined. */
  streamed: string;
  deltaCount: number;
  /** `x-total-count` as the page's own `fetch` sees it (null when CORS hides it). */
  totalCountHeader: string | null;
  /** `total` of `client.events.list`, which reads the same header. */
  listedTotal: number;
  /** The typed error of a request for a session that does not exist. */
  missingSession: { name: string; status: number; code: string | undefined };
}

/**
 * Runs in the page, bundled by Vite: creates an agent and a session on the dev server,
 * streams one turn to completion, and reads what a browser app would read.
 */
export async function runTurn(baseUrl: string, question: string): Promise<BrowserTurnReport> {
  const client = new Everruns({ baseUrl, apiKey: "dev" });
  const agent = await client.agents.create({
    name: "browser-agent",
    system_prompt: "You answer inside a browser tab.",
  });
  const session = await client.sessions.create({ harness_name: "generic", agent_id: agent.id });

  const turn = await startTurn(client, session.id, question);
  const deltas: string[] = [];
  for await (const delta of turn.textStream) deltas.push(delta);
  const result = await turn.result();

  const response = await fetch(`${baseUrl}/v1/sessions/${session.id}/events?limit=1`, {
    headers: { Authorization: "dev" },
  });
  const listed = await client.events.list(session.id, { limit: 1 });

  let missingSession: BrowserTurnReport["missingSession"] = {
    name: "none",
    status: 0,
    code: undefined,
  };
  try {
    await client.sessions.get("session_00000000000000000000000000000000");
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    missingSession = { name: error.name, status: error.status, code: error.code };
  }

  return {
    status: result.status,
    text: result.text,
    streamed: deltas.join(""),
    deltaCount: deltas.length,
    totalCountHeader: response.headers.get("x-total-count"),
    listedTotal: listed.total,
    missingSession,
  };
}
