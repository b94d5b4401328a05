import type { Everruns } from "../client.js";
import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  CancelTurnResponse,
  ClientToolResult,
  CreateSessionRequest,
  EventsSummary,
  ForkSessionRequest,
  Session,
  SessionContextReport,
  SessionListQuery,
  SessionParticipant,
  SessionStats,
  SubmitToolResultsRequest,
  SubmitToolResultsResponse,
  UpdateSessionRequest,
} from "../types.js";
import { assertExclusive } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";
import { SessionStorage } from "./session-storage.js";

/** Sessions: a conversation with an agent, run on a harness. */
export class Sessions extends ApiResource {
  /** Per-session secrets and key-value entries. */
  readonly storage: SessionStorage;

  constructor(client: Everruns) {
    super(client);
    this.storage = new SessionStorage(client);
  }

  /**
   * Opens a session. Give at most one of `harness_id`/`harness_name` and at most one of
   * `agent_id`/`agent_name`; without a harness, the agent's harness (else `generic`) is used.
   */
  create(body: CreateSessionRequest = {}, options?: RequestOptions): ApiPromise<Session> {
    const check = () => {
      assertExclusive(body, "harness_id", "harness_name");
      assertExclusive(body, "agent_id", "agent_name");
    };
    return this.request("post", "/v1/sessions", { body, check }, options);
  }

  /** Fetches one session. */
  get(sessionId: string, options?: RequestOptions): ApiPromise<Session> {
    return this.request(
      "get",
      "/v1/sessions/{session_id}",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }

  /**
   * Lists sessions, newest first, optionally of one agent (`agent_id`) or matching `search`.
   * `await` gives the first page; `for await` walks every session.
   */
  list(query: SessionListQuery = {}, options?: RequestOptions): PagePromise<Session> {
    return this.offsetList("/v1/sessions", { params: { query } }, options);
  }

  /** Changes a session's tags, locale or identity. */
  update(
    sessionId: string,
    body: UpdateSessionRequest,
    options?: RequestOptions,
  ): ApiPromise<Session> {
    return this.request(
      "patch",
      "/v1/sessions/{session_id}",
      { params: { path: { session_id: sessionId } }, body },
      options,
    );
  }

  /** Deletes a session and its messages and events. */
  delete(sessionId: string, options?: RequestOptions): ApiPromise<void> {
    return this.request(
      "delete",
      "/v1/sessions/{session_id}",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }

  /** Cancels the running turn, which ends with `turn.cancelled`; `no_op` when none runs. */
  cancel(sessionId: string, options?: RequestOptions): ApiPromise<CancelTurnResponse> {
    return this.request(
      "post",
      "/v1/sessions/{session_id}/cancel",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }

  /**
   * Answers the client-side tool calls a turn is waiting on (`tool.call_requested`): one
   * `{ tool_call_id, result }` or `{ tool_call_id, error }` per call. A turn that is not
   * waiting answers 409 (`ConflictError`).
   */
  submitToolResults(
    sessionId: string,
    results: ClientToolResult[] | SubmitToolResultsRequest,
    options?: RequestOptions,
  ): ApiPromise<SubmitToolResultsResponse> {
    const body = Array.isArray(results) ? { tool_results: results } : results;
    return this.request(
      "post",
      "/v1/sessions/{session_id}/tool-results",
      { params: { path: { session_id: sessionId } }, body },
      options,
    );
  }

  /**
   * Copies a session: a new session with the same settings (except those in `body`) and a copy
   * of its message history. A session mid-turn answers 409 (`ConflictError`).
   */
  fork(
    sessionId: string,
    body: ForkSessionRequest = {},
    options?: RequestOptions,
  ): ApiPromise<Session> {
    return this.request(
      "post",
      "/v1/sessions/{session_id}/fork",
      { params: { path: { session_id: sessionId } }, body },
      options,
    );
  }

  /** Pins a session (idempotent). */
  pin(sessionId: string, options?: RequestOptions): ApiPromise<void> {
    return this.request(
      "put",
      "/v1/sessions/{session_id}/pin",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }

  /** Unpins a session (idempotent). */
  unpin(sessionId: string, options?: RequestOptions): ApiPromise<void> {
    return this.request(
      "delete",
      "/v1/sessions/{session_id}/pin",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }

  /**
   * Exports a session's messages as JSON Lines text (one message object per line). For long
   * sessions prefer {@link Sessions.exportStream}.
   */
  export(sessionId: string, options?: RequestOptions): ApiPromise<string> {
    return this.request(
      "get",
      "/v1/sessions/{session_id}/export",
      { params: { path: { session_id: sessionId }, query: { format: "jsonl" } }, parseAs: "text" },
      options,
    );
  }

  /**
   * Exports a session's messages as a byte stream of JSON Lines, read as it arrives (`null` only
   * if a server answered without a body).
   */
  exportStream(
    sessionId: string,
    options?: RequestOptions,
  ): ApiPromise<ReadableStream<Uint8Array> | null> {
    return this.request(
      "get",
      "/v1/sessions/{session_id}/export",
      {
        params: { path: { session_id: sessionId }, query: { format: "jsonl" } },
        parseAs: "stream",
      },
      options,
    );
  }

  /** Counts the organization's sessions by status. */
  stats(options?: RequestOptions): ApiPromise<SessionStats> {
    return this.request("get", "/v1/sessions/stats", {}, options);
  }

  /** Estimates what the next model call of the session would carry, by section, in tokens. */
  context(sessionId: string, options?: RequestOptions): ApiPromise<SessionContextReport> {
    return this.request(
      "get",
      "/v1/sessions/{session_id}/context-report",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }

  /** Counts a session's events by type, with its turns and failed turns. */
  eventsSummary(sessionId: string, options?: RequestOptions): ApiPromise<EventsSummary> {
    return this.request(
      "get",
      "/v1/sessions/{session_id}/events/summary",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }

  /** Lists who takes part in a session. */
  participants(sessionId: string, options?: RequestOptions): ApiPromise<SessionParticipant[]> {
    return this.request(
      "get",
      "/v1/sessions/{session_id}/participants",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }
}
