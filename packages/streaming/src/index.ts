export { type DisconnectingFrame, parseDisconnecting } from "./disconnecting.js";
export { type EventStream, streamEvents } from "./event-stream.js";
export {
  DEFAULT_DISCONNECT_RETRY_MS,
  MAX_RECONNECT_DELAY_MS,
  reconnectDelayMs,
} from "./reconnect-delay.js";
export {
  type FromReadableStreamOptions,
  fromReadableStream,
} from "./relay/from-readable-stream.js";
export {
  RELAY_CONTENT_TYPES,
  type RelayedFailure,
  type RelayFormat,
  type ToReadableStreamOptions,
  toReadableStream,
} from "./relay/to-readable-stream.js";
export {
  RelayedStreamError,
  StreamDisconnectedError,
  StreamIdleTimeoutError,
  StreamProtocolError,
  StreamRetriesExhaustedError,
} from "./stream-errors.js";
export {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
  MAX_TYPES_PER_FILTER,
  type ResolvedStreamOptions,
  resolveStreamOptions,
  type StreamEventsOptions,
  type StreamState,
  type StreamWarning,
} from "./stream-options.js";
export { buildStreamQuery, type StreamQueryInput } from "./stream-query.js";
export { answerToolCalls, type ToolHandler, type ToolHandlers } from "./tool-calls.js";
export {
  type ClientSideToolDeclaration,
  defineTool,
  type JsonSchema,
  type JsonSchemaToolInput,
  type StandardSchemaToolInput,
  type Tool,
  type ToolArgumentsCheck,
  type ToolContext,
} from "./tools/define-tool.js";
export {
  DEFAULT_TOOL_CONCURRENCY,
  DEFAULT_TOOL_TIMEOUT_MS,
  type ServeToolsOptions,
  serveTools,
  type ToolCallReport,
} from "./tools/serve-tools.js";
export { type StartTurnOptions, startTurn, type Turn, type TurnResult } from "./turn.js";
export { TurnFailedError } from "./turn-errors.js";
