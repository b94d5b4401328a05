import { unwrap } from "../http/unwrap.js";
import { offsetPage, type Page } from "../pagination/page.js";
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
import { assertExclusive, assertPathParam } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Sessions: a conversation with an agent, run on a harness. */
export class Sessions extends ApiResource {
  /**
   * Opens a session. Give at most one of `harness_id`/`harness_name` and at most one of
   * `agent_id`/`agent_name`; without a harness, the agent's harness (else `generic`) is used.
   */
  async create(body: CreateSessionRequest = {}, options?: RequestOptions): Promise<Session> {
    assertExclusive(body, "harness_id", "harness_name");
    assertExclusive(body, "agent_id", "agent_name");
    return unwrap(await this.raw.POST("/v1/sessions", { body, ...this.init(options) }));
  }

  /** Fetches one session. */
  async get(sessionId: string, options?: RequestOptions): Promise<Session> {
    assertPathParam(sessionId, "sessionId");
    return unwrap(
      await this.raw.GET("/v1/sessions/{session_id}", {
        params: { path: { session_id: sessionId } },
        ...this.init(options),
      }),
    );
  }

  /** Lists sessions, newest first, optionally of one agent; the page iterates every session. */
  async list(query: SessionListQuery = {}, options?: RequestOptions): Promise<Page<Session>> {
    const body = unwrap(
      await this.raw.GET("/v1/sessions", { params: { query }, ...this.init(options) }),
    );
    return offsetPage(body, (offset) => this.list({ ...query, offset }, options));
  }

  /** Changes a session's tags, locale or identity. */
  async update(
    sessionId: string,
    body: UpdateSessionRequest,
    options?: RequestOptions,
  ): Promise<Session> {
    assertPathParam(sessionId, "sessionId");
    return unwrap(
      await this.raw.PATCH("/v1/sessions/{session_id}", {
        params: { path: { session_id: sessionId } },
        body,
        ...this.init(options),
      }),
    );
  }

  /** Deletes a session and its messages and events. */
  async delete(sessionId: string, options?: RequestOptions): Promise<void> {
    assertPathParam(sessionId, "sessionId");
    unwrap(
      await this.raw.DELETE("/v1/sessions/{session_id}", {
        params: { path: { session_id: sessionId } },
        ...this.init(options),
      }),
    );
  }

  /** Cancels the running turn, which ends with `turn.cancelled`; `no_op` when none runs. */
  async cancel(sessionId: string, options?: RequestOptions): Promise<CancelTurnResponse> {
    assertPathParam(sessionId, "sessionId");
    return unwrap(
      await this.raw.POST("/v1/sessions/{session_id}/cancel", {
        params: { path: { session_id: sessionId } },
        ...this.init(options),
      }),
    );
  }

  /**
   * Answers the client-side tool calls a turn is waiting on (`tool.call_requested`): one
   * `{ tool_call_id, result }` or `{ tool_call_id, error }` per call. A turn that is not
   * waiting answers 409 (`ConflictError`).
   */
  async submitToolResults(
    sessionId: string,
    results: ClientToolResult[] | SubmitToolResultsRequest,
    options?: RequestOptions,
  ): Promise<SubmitToolResultsResponse> {
    assertPathParam(sessionId, "sessionId");
    const body = Array.isArray(results) ? { tool_results: results } : results;
    return unwrap(
      await this.raw.POST("/v1/sessions/{session_id}/tool-results", {
        params: { path: { session_id: sessionId } },
        body,
        ...this.init(options),
      }),
    );
  }
}
