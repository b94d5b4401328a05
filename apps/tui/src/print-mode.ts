import type { Everruns } from "@everruns/core";
import { startTurn, TurnFailedError } from "@everruns/streaming";

/** What {@link runPrint} needs. */
export interface PrintOptions {
  readonly client: Everruns;
  readonly agentId: string;
  readonly question: string;
  /** Continue this session instead of opening a new one. */
  readonly sessionId?: string | undefined;
  readonly harness?: string | undefined;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Aborting cancels the turn on the server. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Answers one question without the UI: streams the reply's text to stdout as it arrives,
 * reports errors on stderr. Resolves with the exit code: 0 when the turn completed, 1 when
 * it failed, 130 when it was cancelled.
 */
export async function runPrint(options: PrintOptions): Promise<number> {
  const { client, stdout, stderr, signal } = options;
  const sessionId =
    options.sessionId ??
    (
      await client.sessions.create({
        agent_id: options.agentId,
        ...(options.harness ? { harness_name: options.harness } : {}),
      })
    ).id;
  const turn = await startTurn(client, sessionId, options.question);
  const onAbort = () => void turn.cancel().catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let endsWithNewline = true;
  try {
    for await (const delta of turn.textStream) {
      if (delta === "") continue;
      stdout.write(delta);
      endsWithNewline = delta.endsWith("\n");
    }
    const result = await turn.result();
    if (!endsWithNewline) stdout.write("\n");
    if (result.status === "cancelled") {
      stderr.write("The turn was cancelled.\n");
      return 130;
    }
    return 0;
  } catch (error) {
    if (!endsWithNewline) stdout.write("\n");
    if (error instanceof TurnFailedError) {
      const code = error.errorCode ? ` (${error.errorCode})` : "";
      stderr.write(`Turn failed: ${error.error}${code}\n`);
      return 1;
    }
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
