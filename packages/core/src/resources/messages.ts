import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type { CreateMessageRequest, Message, SessionMessage } from "../types.js";
import { ApiResource } from "./api-resource.js";

/** Messages of a session. Sending one starts a turn. */
export class Messages extends ApiResource {
  /**
   * Sends a user message, which starts a turn (or queues behind the running one). A string
   * is sent as one text part; pass a {@link CreateMessageRequest} for images, controls or
   * metadata. Resolves with the stored message once the server accepted it, before the turn
   * ends: follow the turn with `startTurn` or `streamEvents` from `@everruns/streaming`.
   */
  create(
    sessionId: string,
    message: string | CreateMessageRequest,
    options?: RequestOptions,
  ): ApiPromise<Message> {
    const body: CreateMessageRequest =
      typeof message === "string"
        ? { message: { role: "user", content: [{ type: "text", text: message }] } }
        : message;
    return this.request(
      "post",
      "/v1/sessions/{session_id}/messages",
      { params: { path: { session_id: sessionId } }, body },
      options,
    );
  }

  /** Lists every message of a session in order (one page: the API returns them whole). */
  list(sessionId: string, options?: RequestOptions): PagePromise<SessionMessage> {
    return this.wholeList(
      "/v1/sessions/{session_id}/messages",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }
}
