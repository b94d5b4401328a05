import { unwrap } from "../http/unwrap.js";
import { type Page, singlePage } from "../pagination/page.js";
import type { RequestOptions } from "../request-options.js";
import type { CreateMessageRequest, Message, SessionMessage } from "../types.js";
import { assertPathParam } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Messages of a session. Sending one starts a turn. */
export class Messages extends ApiResource {
  /**
   * Sends a user message, which starts a turn (or queues behind the running one). A string
   * is sent as one text part; pass a {@link CreateMessageRequest} for images, controls or
   * metadata. Resolves with the stored message once the server accepted it.
   */
  async create(
    sessionId: string,
    message: string | CreateMessageRequest,
    options?: RequestOptions,
  ): Promise<Message> {
    assertPathParam(sessionId, "sessionId");
    const body: CreateMessageRequest =
      typeof message === "string"
        ? { message: { role: "user", content: [{ type: "text", text: message }] } }
        : message;
    return unwrap(
      await this.raw.POST("/v1/sessions/{session_id}/messages", {
        params: { path: { session_id: sessionId } },
        body,
        ...this.init(options),
      }),
    );
  }

  /** Lists every message of a session in order. */
  async list(sessionId: string, options?: RequestOptions): Promise<Page<SessionMessage>> {
    assertPathParam(sessionId, "sessionId");
    const body = unwrap(
      await this.raw.GET("/v1/sessions/{session_id}/messages", {
        params: { path: { session_id: sessionId } },
        ...this.init(options),
      }),
    );
    return singlePage(body.data);
  }
}
