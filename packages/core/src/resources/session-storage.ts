import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type { KeyValueInfo, SecretInfo, SetSessionSecretsResponse } from "../types.js";
import { ApiResource } from "./api-resource.js";

/**
 * A session's storage (`client.sessions.storage`): write-only secrets and a key-value store.
 * Secret values go to the server and never come back: lists give names only.
 */
export class SessionStorage extends ApiResource {
  /** Creates or overwrites several secrets of a session at once (name → value). */
  setSecrets(
    sessionId: string,
    secrets: Record<string, string>,
    options?: RequestOptions,
  ): ApiPromise<SetSessionSecretsResponse> {
    return this.request(
      "put",
      "/v1/sessions/{session_id}/storage/secrets",
      { params: { path: { session_id: sessionId } }, body: { secrets } },
      options,
    );
  }

  /** Lists a session's secrets by name, without their values. */
  listSecrets(sessionId: string, options?: RequestOptions): PagePromise<SecretInfo> {
    return this.wholeList(
      "/v1/sessions/{session_id}/storage/secrets",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }

  /** Lists the entries of a session's key-value store. */
  listKeys(sessionId: string, options?: RequestOptions): PagePromise<KeyValueInfo> {
    return this.wholeList(
      "/v1/sessions/{session_id}/storage/keys",
      { params: { path: { session_id: sessionId } } },
      options,
    );
  }
}
