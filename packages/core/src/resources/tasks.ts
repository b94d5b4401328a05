import type { ApiPromise } from "../http/api-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  OrgTaskListQuery,
  PostTaskMessageRequest,
  SessionTask,
  SessionTaskDetail,
  SessionTaskGetQuery,
  SessionTaskListQuery,
  TaskMessage,
} from "../types.js";
import { assertExclusive } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Background tasks (`client.tasks`): a session's sub-agents and long tool runs, and the organization's. */
export class Tasks extends ApiResource {
  /** Lists a session's tasks, oldest first, optionally of one `state` or `kind`. */
  list(
    sessionId: string,
    query: SessionTaskListQuery = {},
    options?: RequestOptions,
  ): ApiPromise<SessionTask[]> {
    return this.request(
      "get",
      "/v1/sessions/{session_id}/tasks",
      { params: { path: { session_id: sessionId }, query } },
      options,
    );
  }

  /** Fetches a task with its messages (after `after_id`, at most `limit`). */
  get(
    sessionId: string,
    taskId: string,
    query: SessionTaskGetQuery = {},
    options?: RequestOptions,
  ): ApiPromise<SessionTaskDetail> {
    return this.request(
      "get",
      "/v1/sessions/{session_id}/tasks/{task_id}",
      { params: { path: { session_id: sessionId, task_id: taskId }, query } },
      options,
    );
  }

  /** Cancels a task; one that already ended comes back unchanged. */
  cancel(sessionId: string, taskId: string, options?: RequestOptions): ApiPromise<SessionTask> {
    return this.request(
      "post",
      "/v1/sessions/{session_id}/tasks/{task_id}/cancel",
      { params: { path: { session_id: sessionId, task_id: taskId } } },
      options,
    );
  }

  /**
   * Sends a message to a running task: a string, or `{ text }` / `{ content }`. A task that
   * ended answers 409 (`ConflictError`).
   */
  postMessage(
    sessionId: string,
    taskId: string,
    message: string | PostTaskMessageRequest,
    options?: RequestOptions,
  ): ApiPromise<TaskMessage> {
    const body = typeof message === "string" ? { text: message } : message;
    return this.request(
      "post",
      "/v1/sessions/{session_id}/tasks/{task_id}/messages",
      {
        params: { path: { session_id: sessionId, task_id: taskId } },
        body,
        check: () => assertExclusive(body, "text", "content"),
      },
      options,
    );
  }

  /** Lists the organization's tasks, newest first, across sessions. */
  listAll(query: OrgTaskListQuery = {}, options?: RequestOptions): ApiPromise<SessionTask[]> {
    return this.request("get", "/v1/tasks", { params: { query } }, options);
  }
}
