export { Everruns, type RawClient } from "./client.js";
export {
  DEV_API_KEY,
  type EverrunsOptions,
  HOSTED_BASE_URL,
  isHostedBaseUrl,
  normalizeBaseUrl,
} from "./client-options.js";
export { readEnv } from "./env.js";
export {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors/api-error.js";
export {
  AbortError,
  ConnectionError,
  TimeoutError,
  ValidationError,
} from "./errors/client-errors.js";
export { EverrunsError } from "./errors/everruns-error.js";
export { InvalidResponseError } from "./errors/invalid-response-error.js";
export { isKnownEvent, isKnownEventType, KNOWN_EVENT_TYPES } from "./event-types.js";
/** Every schema of the API by name (`components["schemas"]["Agent"]`), generated from the spec. */
/** Every operation of the API by `operationId`: parameters, bodies and responses, generated from the spec. */
/** Every path of the API and its methods, generated from the spec; the shape `client.raw` is typed with. */
export type { components, operations, paths } from "./generated/openapi.js";
export { ApiPromise, type ApiResult } from "./http/api-promise.js";
export { redactSecret } from "./http/redact.js";
export { createRetryFetch, type RequestFetch, type RetryFetchOptions } from "./http/retry-fetch.js";
export { backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./http/retry-policy.js";
export { errorFromResponse, unwrap } from "./http/unwrap.js";
export { LOG_LEVELS, type Logger, type LogLevel } from "./logging/logger.js";
export { Page, type PageInit } from "./pagination/page.js";
export { PagePromise } from "./pagination/page-promise.js";
export type { RequestOptions } from "./request-options.js";
export type { AgentHealthChecks } from "./resources/agent-health-checks.js";
export type { AgentVersions } from "./resources/agent-versions.js";
export type { Agents } from "./resources/agents.js";
export type { Capabilities } from "./resources/capabilities.js";
export type { DeclarativeCapabilities } from "./resources/declarative-capabilities.js";
export type { Events } from "./resources/events.js";
export type {
  CreateFileOptions,
  FileContent,
  FileSystem,
  FileTreeOwner,
  WriteFileOptions,
} from "./resources/file-system.js";
export type { Guardrails } from "./resources/guardrails.js";
export type { Harnesses } from "./resources/harnesses.js";
export type { ImageSource, Images, ImageUploadOptions } from "./resources/images.js";
export type { Memories } from "./resources/memories.js";
export type { Messages } from "./resources/messages.js";
export type { Models } from "./resources/models.js";
export type { SessionStorage } from "./resources/session-storage.js";
export type { Sessions } from "./resources/sessions.js";
export type { Tasks } from "./resources/tasks.js";
export type { Workspaces } from "./resources/workspaces.js";
export * from "./types.js";
export { MAX_SLUG_LENGTH, SLUG_PATTERN } from "./validation/input-rules.js";
export { SDK_NAME, SDK_VERSION } from "./version.js";
