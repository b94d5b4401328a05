import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  CancelTurnResponse,
  ClientToolResult,
  CreateSessionRequest,
  Session,
  SessionListQuery,
  SubmitToolResultsRequest,
  SubmitToolResultsResponse,
  UpdateSessionRequest,
} from "../types.js";
import { assertExclusive } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Sessions: a conversation with an agent, run on a harness. */
export class Sessions extends ApiResource {
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
}
