/**
 * Friendly names for the generated types of our OpenAPI spec. The generated file
 * (`./generated/openapi.ts`) stays the truth; these are aliases, plus the open-ended
 * event union that a spec cannot express.
 */
import type { components, operations } from "./generated/openapi.js";

type Schemas = components["schemas"];
type Query<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;

/** An RFC 9457 problem document, the body of every error response. */
export type ProblemDetails = Schemas["ErrorResponse"];

/** An agent as returned by create, apply, update and copy. */
export type Agent = Schemas["Agent"];
/** An agent with its usage counts, as returned by get and list. */
export type AgentWithCounts = Schemas["AgentWithCounts"];
/** Body of `client.agents.create`. `name` and `system_prompt` are required. */
export type CreateAgentRequest = Schemas["CreateAgentRequest"];
/** Body of `client.agents.update`: only the fields to change. */
export type UpdateAgentRequest = Schemas["UpdateAgentRequest"];
/** Query of `client.agents.list`. */
export type AgentListQuery = Query<"listAgents">;

/** A session. */
export type Session = Schemas["Session"];
/** Where a session is: `started`, `active` (a turn runs), `idle`, `waiting_for_tool_results`. */
export type SessionStatus = Schemas["SessionStatus"];
/** Body of `client.sessions.create`. */
export type CreateSessionRequest = Schemas["CreateSessionRequest"];
/** Body of `client.sessions.update`. */
export type UpdateSessionRequest = Schemas["UpdateSessionRequest"];
/** Query of `client.sessions.list`. */
export type SessionListQuery = Query<"listSessions">;
/** Answer of `client.sessions.cancel`. */
export type CancelTurnResponse = Schemas["CancelTurnResponse"];

/** A message: user input, agent output, or tool results. */
export type Message = Schemas["Message"];
/**
 * `Message.phase` values the API sends today: `commentary` and `final_answer`, and on older
 * sessions `in_progress` and `completed` (see docs/decisions/006-message-phase.md).
 */
export type KnownMessagePhase = "commentary" | "final_answer" | "in_progress" | "completed";
/** `Message.phase`: a {@link KnownMessagePhase}, or any string a newer server sends. */
export type MessagePhase = KnownMessagePhase | (string & {});
/** `tool.completed` statuses the API sends today; the set is open (`data.status` is a string). */
export type KnownToolCompletedStatus = "success" | "error" | "timeout" | "cancelled";
/** A stored message of a session, with its `session_id` and `sequence`. */
export type SessionMessage = Schemas["SessionMessage"];
/** A part of a message's content, tagged by `type`. */
export type ContentPart = Schemas["ContentPart"];
/** Body of `client.messages.create`. */
export type CreateMessageRequest = Schemas["CreateMessageRequest"];
/** One answer to a client-side tool call: `result` or `error`. */
export type ClientToolResult = Schemas["ClientToolResult"];
/** Body of `client.sessions.submitToolResults`. */
export type SubmitToolResultsRequest = Schemas["SubmitToolResultsRequest"];
/** Answer of `client.sessions.submitToolResults`. */
export type SubmitToolResultsResponse = Schemas["SubmitToolResultsResponse"];
/** A tool call requested by the model. */
export type ToolCall = Schemas["ToolCall"];
/** A tool an agent or session declares. */
export type ToolDefinition = Schemas["ToolDefinition"];
/** Token counts and costs. */
export type TokenUsage = Schemas["TokenUsage"];

/** A harness. */
export type Harness = Schemas["Harness"];
/** Query of `client.harnesses.list`. */
export type HarnessListQuery = Query<"listHarnesses">;
/** A model. */
export type Model = Schemas["Model"];
/** Query of `client.models.list`. */
export type ModelListQuery = Query<"listModels">;
/** A capability. */
export type Capability = Schemas["Capability"];
/** Query of `client.capabilities.list`. */
export type CapabilityListQuery = Query<"listCapabilities">;

// --- Control plane A: agent versions, health checks, utilities; harnesses; capabilities ---

/** A saved version of an agent's settings. */
export type AgentVersion = Schemas["AgentVersion"];
/** Why a version was saved (`manual`, `rollback`, `fork`, ...). */
export type AgentVersionChangeKind = Schemas["AgentVersionChangeKind"];
/** Body of `client.agents.versions.create`. */
export type CreateAgentVersionRequest = Schemas["CreateAgentVersionRequest"];
/** Body of `client.agents.versions.fork`. */
export type ForkAgentVersionRequest = Schemas["ForkAgentVersionRequest"];
/** Body of `client.agents.versions.rollback`. */
export type RollbackAgentVersionRequest = Schemas["RollbackAgentVersionRequest"];
/** Answer of `client.agents.versions.diff`. */
export type AgentVersionDiff = Schemas["AgentVersionDiff"];
/** One health-check run of an agent. */
export type HealthCheckRun = Schemas["HealthCheckRun"];
/** Answer of `client.agents.healthChecks.latest`. */
export type LatestHealthCheckRun = Schemas["LatestHealthCheckRun"];
/** Usage counts of an agent or harness. */
export type ResourceStats = Schemas["ResourceStats"];
/** What the caller may do with a kind of resource. */
export type ResourceConfig = Schemas["ResourceConfig"];
/** Answer of the `checkName` helpers. */
export type CheckNameResponse = Schemas["CheckNameResponse"];
/** An agent draft for `client.agents.analyze` and `client.agents.preview`. */
export type PreviewAgentRequest = Schemas["PreviewAgentRequest"];
/** One remark of the agent review rules. */
export type Finding = Schemas["Finding"];
/** Answer of `client.agents.analyze`. */
export type AgentAnalysis = Schemas["AgentAnalysis"];
/** Answer of `client.agents.preview`. */
export type AgentPreview = Schemas["AgentPreview"];
/** A capability attached to an agent, harness or session (`{ ref, config }`). */
export type CapabilityConfig = Schemas["CapabilityConfig"];
/** Body of `client.harnesses.create`. */
export type CreateHarnessRequest = Schemas["CreateHarnessRequest"];
/** Body of `client.harnesses.update`: only the fields to change. */
export type UpdateHarnessRequest = Schemas["UpdateHarnessRequest"];
/** A harness draft for `client.harnesses.preview`. */
export type PreviewHarnessRequest = Schemas["PreviewHarnessRequest"];
/** Answer of `client.harnesses.preview`. */
export type HarnessPreview = Schemas["HarnessPreview"];
/** A built-in harness example (`client.harnesses.examples`). */
export type HarnessExample = Schemas["HarnessExample"];
/** A ready-made guardrail configuration. */
export type GuardrailExample = Schemas["GuardrailExample"];
/** Body of `client.capabilities.guardrails.dryRun`. */
export type GuardrailsDryRunRequest = Schemas["GuardrailsDryRunRequest"];
/** Answer of `client.capabilities.guardrails.dryRun`. */
export type GuardrailsDryRunResult = Schemas["GuardrailsDryRunResult"];
/** A capability defined by a document (`client.capabilities.declarative`). */
export type DeclarativeCapability = Schemas["DeclarativeCapability"];
/** Body of `client.capabilities.declarative.create`. */
export type CreateDeclarativeCapabilityRequest = Schemas["CreateDeclarativeCapabilityRequest"];
/** Body of `client.capabilities.declarative.update`. */
export type UpdateDeclarativeCapabilityRequest = Schemas["UpdateDeclarativeCapabilityRequest"];
/** Query of `client.capabilities.declarative.list`. */
export type DeclarativeCapabilityListQuery = Query<"listDeclarativeCapabilities">;
// --- end control plane A ---

/** Query of `client.events.list`. */
export type EventListQuery = Query<"listEvents">;
/** Query of the SSE endpoint. */
export type EventStreamQuery = Query<"streamSessionEvents">;

/** Every event type this version of the SDK knows. */
export type EventType = Schemas["EventType"];
/** The fields every event has, whatever its type. */
export type EventEnvelope = Schemas["EventEnvelope"];
/** Tracing context of an event (`turn_id`, `input_message_id`, ...). */
export type EventContext = Schemas["EventContext"];
/** A session event of a known type: `data` is typed by `type`. */
export type KnownSessionEvent = Schemas["SessionEvent"];

declare const unknownEventTypeBrand: unique symbol;

/**
 * The `type` of an event this SDK version does not know. It is a string at run time; the
 * brand only keeps such events from blurring the narrowing of known ones.
 */
export type UnknownEventType = `${string}.${string}` & { readonly [unknownEventTypeBrand]: true };

/**
 * An event of a type added to the API after this SDK version: passed through untouched,
 * with `data: unknown`.
 */
export type UnknownSessionEvent = EventEnvelope & { type: UnknownEventType; data: unknown };

/**
 * Any session event. Narrowing on `type` types `data`:
 *
 * ```ts
 * if (event.type === "output.message.delta") process.stdout.write(event.data.delta);
 * ```
 *
 * Events of types this version does not know arrive as {@link UnknownSessionEvent}.
 */
export type SessionEvent = KnownSessionEvent | UnknownSessionEvent;

/** The event of one known type: `SessionEventOf<"turn.completed">`. */
export type SessionEventOf<T extends EventType> = Extract<KnownSessionEvent, { type: T }>;

/** The `data` of one known event type: `EventData<"output.message.delta">`. */
export type EventData<T extends EventType> = SessionEventOf<T>["data"];

/** Data of the `connected` control frame that opens every SSE connection. */
export type SseConnectedData = Schemas["SseConnectedData"];
/** Data of the `disconnecting` control frame sent before the server cycles a connection. */
export type SseDisconnectingData = Schemas["SseDisconnectingData"];

// --- Session control (fork, export, storage, stats, context, events summary, participants) ---

/** Body of `client.sessions.fork`: settings the copy gets instead of the source's. */
export type ForkSessionRequest = Schemas["ForkSessionRequest"];
/** Secrets for `client.sessions.secrets.set`, by name. Values are write-only. */
export type SetSessionSecretsRequest = Schemas["SetSessionSecretsRequest"];
/** Answer of `client.sessions.secrets.set`: how many were written. */
export type SetSessionSecretsResponse = Schemas["SetSessionSecretsResponse"];
/** A stored secret's name and dates (never its value). */
export type SecretInfo = Schemas["SecretInfo"];
/** An entry of a session's key-value store. */
export type KeyValueInfo = Schemas["KeyValueInfo"];
/** Answer of `client.sessions.stats`: sessions counted by status. */
export type SessionStats = Schemas["SessionStats"];
/** Answer of `client.sessions.context`: where the session's context tokens come from. */
export type SessionContextReport = Schemas["SessionContextReport"];
/** Answer of `client.sessions.eventsSummary`: a session's events counted by type. */
export type EventsSummary = Schemas["EventsSummary"];
/** One participant of a session (its owner, its agent). */
export type SessionParticipant = Schemas["SessionParticipant"];
/** Query of `client.sessions.export`. */
export type SessionExportQuery = Query<"exportSession">;

// --- Background tasks ---

/** A background task a session started. */
export type SessionTask = Schemas["SessionTask"];
/** Where a task is: `queued`, `running`, `awaiting_input`, then `succeeded`, `failed` or `canceled`. */
export type SessionTaskState = Schemas["SessionTaskState"];
/** A task with its messages, as `client.tasks.get` returns it. */
export type SessionTaskDetail = Schemas["SessionTaskDetail"];
/** A message to or from a task. */
export type TaskMessage = Schemas["TaskMessage"];
/** A part of a task message: text or free-form data. */
export type TaskMessagePart = Schemas["TaskMessagePart"];
/** Body of `client.tasks.postMessage`: `text` or `content`. */
export type PostTaskMessageRequest = Schemas["PostTaskMessageRequest"];
/** Query of `client.tasks.list`. */
export type SessionTaskListQuery = Query<"listSessionTasks">;
/** Query of `client.tasks.get`. */
export type SessionTaskGetQuery = Query<"getSessionTask">;
/** Query of `client.tasks.listAll`. */
export type OrgTaskListQuery = Query<"listOrgTasks">;
// ------------------------------------------------------------------
// Storage: workspaces, file trees, memories, images
// ------------------------------------------------------------------

/** A workspace: a named file tree (`wsp_` id). Every session has one. */
export type Workspace = Schemas["Workspace"];
/** Body of `client.workspaces.create`. */
export type CreateWorkspaceRequest = Schemas["CreateWorkspaceRequest"];
/** Body of `client.workspaces.update`. */
export type UpdateWorkspaceRequest = Schemas["UpdateWorkspaceRequest"];
/** Query of `client.workspaces.list`. */
export type WorkspaceListQuery = Query<"listWorkspaces">;

/** How file content travels: `text` (UTF-8) or `base64` (any bytes). */
export type FileEncoding = Schemas["FileEncoding"];
/** A file or directory of a tree, without content. */
export type FileInfo = Schemas["FileInfo"];
/** A file with its `content` and `encoding`. */
export type FileWithContent = Schemas["FileWithContent"];
/** A directory listing. */
export type FileList = Schemas["FileList"];
/** What reading a path answers: a file with content, or a directory listing. */
export type ReadPathResponse = Schemas["ReadPathResponse"];
/** Body of a file-tree `create`. */
export type CreatePathRequest = Schemas["CreatePathRequest"];
/** Body of a file-tree `update`. */
export type UpdatePathRequest = Schemas["UpdatePathRequest"];
/** Body of a file-tree `grep`. */
export type GrepRequest = Schemas["GrepRequest"];
/** The matches of one file, answered by `grep`. */
export type GrepResult = Schemas["GrepResult"];
/** One matching line (1-based `line_number`). */
export type GrepMatch = Schemas["GrepMatch"];

/** A memory: a long-lived file tree (`mem_` id), written by hand or synced from a repository. */
export type Memory = Schemas["Memory"];
/** Body of `client.memories.create`. */
export type CreateMemoryRequest = Schemas["CreateMemoryRequest"];
/** Body of `client.memories.update`. */
export type UpdateMemoryRequest = Schemas["UpdateMemoryRequest"];
/** Query of `client.memories.list`. */
export type MemoryListQuery = Query<"listMemories">;

/** An uploaded image, as listed. */
export type ImageInfo = Schemas["ImageInfo"];
/** The answer to `client.images.upload`. */
export type ImageUploadResponse = Schemas["ImageUploadResponse"];
/** Query of `client.images.list`. */
export type ImageListQuery = Query<"listImages">;
/** Data of a `file.written` event. */
export type FileWrittenData = Schemas["FileWrittenData"];
/** A file given at session creation, written into the session's workspace before the first turn. */
export type InitialFile = Schemas["InitialFile"];
