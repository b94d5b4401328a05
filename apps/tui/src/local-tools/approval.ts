/** What the user answered to "may the agent run this tool?". */
export type ApprovalDecision = "yes" | "no" | "always";

/** One tool call waiting for the user's approval. */
export interface ApprovalRequest {
  readonly callId: string;
  readonly name: string;
  readonly args: Record<string, unknown>;
}

/**
 * Asks the user about one call; resolves with the answer. When `signal` aborts (the call timed
 * out, or serving stopped) the question is withdrawn and the promise rejects.
 */
export type AskApproval = (
  request: ApprovalRequest,
  signal?: AbortSignal,
) => Promise<ApprovalDecision>;

/**
 * Remembers "always" answers per session and tool, so that a tool the user trusts for this
 * session is not asked about again (and is asked about again in another session).
 */
export class ApprovalPolicy {
  readonly #always = new Set<string>();

  /** True when calls of `tool` in `sessionId` run without asking. */
  allows(sessionId: string, tool: string): boolean {
    return this.#always.has(`${sessionId}\u0000${tool}`);
  }

  /** Records an answer; only `always` changes what happens next time. */
  record(sessionId: string, tool: string, decision: ApprovalDecision): void {
    if (decision === "always") this.#always.add(`${sessionId}\u0000${tool}`);
  }
}
