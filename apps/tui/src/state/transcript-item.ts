import type { WorkspaceView } from "./workspace-view.js";

/**
 * The things a transcript shows. Finished items are immutable: once the reducer moves one
 * into the history it is never changed again, so Ink's `<Static>` can write it once.
 */

/** What the user sent. */
export interface UserItem {
  readonly kind: "user";
  readonly id: string;
  readonly text: string;
}

/**
 * Agent text, as markdown. A long reply is committed in several chunks (split at safe
 * markdown boundaries); `continued` marks a chunk that continues the previous one.
 */
export interface AgentItem {
  readonly kind: "agent";
  readonly id: string;
  readonly markdown: string;
  /** True while the text still grows (only ever true in the live tail). */
  readonly streaming: boolean;
  /** True for the second and later chunks of one message. */
  readonly continued: boolean;
  /** Characters of the message's accumulated text already committed before this item. */
  readonly committedLength: number;
}

/** Where a tool call is: server-side `running`, client-side `requested`, then an outcome. */
export type ToolStatus = "running" | "requested" | "success" | "failure";

/** A compact card for one tool call. */
export interface ToolItem {
  readonly kind: "tool";
  readonly id: string;
  readonly callId: string;
  readonly name: string;
  /** A short, single-line summary of the arguments. */
  readonly argsSummary: string;
  readonly status: ToolStatus;
  /** True for a client-side tool the server asked this kind of client to run. */
  readonly clientSide: boolean;
  /** The API's status word for a failure: `error`, `timeout`, `cancelled`, `interrupted`. */
  readonly outcome?: string;
  /** Error text of a failure, or the latest progress message of a running tool. */
  readonly detail?: string;
  readonly durationMs?: number;
  /** `ts` of the event that started the call, to compute a duration the API omits. */
  readonly startedAt?: string;
}

/** The model's visible reasoning (`reason.thinking.*`). */
export interface ThinkingItem {
  readonly kind: "thinking";
  readonly id: string;
  readonly text: string;
  readonly done: boolean;
  readonly startedAt?: string;
  readonly durationMs?: number;
}

/** A failure shown inline: a failed turn, a refused request, a lost stream. */
export interface ErrorItem {
  readonly kind: "error";
  readonly id: string;
  readonly message: string;
  readonly detail?: string;
}

/** Tone of a {@link NoticeItem}. */
export type NoticeTone = "info" | "warning" | "success";

/** A one-line note from the app itself (turn cancelled, reconnected, session opened...). */
export interface NoticeItem {
  readonly kind: "notice";
  readonly id: string;
  readonly text: string;
  readonly tone: NoticeTone;
}

/** A file of the session's workspace the agent wrote (`file.written`). */
export interface FileItem {
  readonly kind: "file";
  readonly id: string;
  /** Path in the workspace, starting with `/`. */
  readonly path: string;
  /** `write`, `append`, `edit`... */
  readonly operation: string;
  readonly sizeBytes: number | undefined;
  /** True when the file did not exist before. */
  readonly created: boolean;
}

/** A listing or a file of the session's workspace, as `/files` showed it. */
export interface WorkspaceItem {
  readonly kind: "workspace";
  readonly id: string;
  readonly view: WorkspaceView;
}

/** Any item of the transcript. */
export type TranscriptItem =
  | UserItem
  | FileItem
  | AgentItem
  | ToolItem
  | ThinkingItem
  | ErrorItem
  | NoticeItem
  | WorkspaceItem;

/** True when an item will not change any more and may move into the static history. */
export function isFinished(item: TranscriptItem): boolean {
  switch (item.kind) {
    case "agent":
      return !item.streaming;
    case "tool":
      return item.status === "success" || item.status === "failure";
    case "thinking":
      return item.done;
    default:
      return true;
  }
}
