import { randomBytes } from "node:crypto";
import type { Everruns } from "@everruns/core";
import { startTurn } from "@everruns/streaming";

/** The notebook's system prompt. */
export const SYSTEM_PROMPT =
  "You are a concise demo assistant. Answer in short bullet points and keep responses short.";

/** What the quickstart returns: the notebook's final cell. */
export interface QuickstartResult {
  base_url: string;
  agent_id: string;
  session_id: string;
  response: string;
}

/** Progress callbacks, so the caller decides what to print. */
export interface QuickstartObserver {
  onAgent?(agent: { id: string; name: string }): void;
  onSession?(session: { id: string }): void;
  onQuestion?(text: string): void;
  onDelta?(text: string): void;
}

/**
 * The notebook's flow: create an agent named `sdk-notebook-<8 hex>`, start a Generic harness
 * session with it, send one message and stream the reply. `signal` bounds the whole run.
 */
export async function runQuickstart(
  client: Everruns,
  options: { message: string; signal: AbortSignal; observer?: QuickstartObserver },
): Promise<QuickstartResult> {
  const { message, signal, observer = {} } = options;
  const suffix = randomBytes(4).toString("hex");
  const agent = await client.agents.create(
    { name: `sdk-notebook-${suffix}`, system_prompt: SYSTEM_PROMPT },
    { signal },
  );
  observer.onAgent?.(agent);
  const session = await client.sessions.create(
    { harness_name: "generic", agent_id: agent.id, title: `SDK notebook demo ${suffix}` },
    { signal },
  );
  observer.onSession?.(session);
  observer.onQuestion?.(message);

  const turn = await startTurn(client, session.id, message, { signal });
  const chunks: string[] = [];
  for await (const delta of turn.textStream) {
    chunks.push(delta);
    observer.onDelta?.(delta);
  }
  const result = await turn.result();
  return {
    base_url: client.baseUrl,
    agent_id: agent.id,
    session_id: session.id,
    response: chunks.join("").trim() || result.text.trim(),
  };
}
