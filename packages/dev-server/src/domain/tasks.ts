import type {
  EventContext,
  PostTaskMessageRequest,
  SessionTask,
  TaskMessage,
  TaskMessagePart,
} from "@everruns/core";
import { ApiProblem } from "../http/problem.js";
import { newId, nowIso } from "../ids.js";
import type { Store } from "../store/store.js";

/** Appends a session event (the engine's event log). */
export type AppendEvent = (
  sessionId: string,
  type: string,
  data: unknown,
  context: EventContext,
) => void;

const TERMINAL = new Set(["succeeded", "failed", "canceled"]);

/** True when a task has ended and takes no more messages. */
export function isTerminal(task: SessionTask): boolean {
  return TERMINAL.has(task.state);
}

/**
 * Starts the dev server's simulated background task (the `[simulate:task]` directive): it runs
 * until cancelled and answers every message sent to it. Emits `task.created`.
 */
export function startSimulatedTask(
  store: Store,
  append: AppendEvent,
  sessionId: string,
  context: EventContext,
): SessionTask {
  const now = nowIso();
  const task: SessionTask = {
    id: newId("task"),
    session_id: sessionId,
    kind: "simulated",
    display_name: "Simulated background task",
    state: "running",
    spec: { directive: "simulate:task" },
    attempt: 1,
    wake_policy: "on_terminal",
    progress: { current: 0, total: null, label: "messages answered", unit: "messages" },
    artifacts: [],
    links: { child_session_id: null, remote_task_id: null, resource_ids: [] },
    created_at: now,
    updated_at: now,
    started_at: now,
    finished_at: null,
  };
  store.tasks.insert(task);
  append(sessionId, "task.created", { task }, context);
  return task;
}

/**
 * Stores a message for a task (`task.message.sent`), and the simulated task's answer
 * (`task.message.received`) with its progress (`task.updated`). A task that ended answers 409.
 */
export function postTaskMessage(
  store: Store,
  append: AppendEvent,
  task: SessionTask,
  request: PostTaskMessageRequest,
): TaskMessage {
  if (isTerminal(task)) {
    throw new ApiProblem(
      409,
      "task_finished",
      `Task ${task.id} has ended (${task.state}) and takes no more messages.`,
    );
  }
  const content: TaskMessagePart[] =
    request.content ?? (request.text != null ? [{ type: "text", text: request.text }] : []);
  if (content.length === 0) {
    throw new ApiProblem(400, "empty_message", "Give the message's text or content.");
  }
  if (request.text != null && request.content != null) {
    throw new ApiProblem(400, "conflicting_fields", "Give at most one of text and content.");
  }
  const context: EventContext = {};
  return store.transaction(() => {
    const inbound: TaskMessage = {
      id: newId("message"),
      task_id: task.id,
      direction: "inbound",
      content,
      in_reply_to: request.in_reply_to ?? null,
      created_at: nowIso(),
    };
    store.tasks.appendMessage(inbound);
    append(task.session_id, "task.message.sent", { task_id: task.id, message: inbound }, context);
    const said = content
      .map((part) => (part.type === "text" ? part.text : JSON.stringify(part.data)))
      .join(" ");
    const reply: TaskMessage = {
      id: newId("message"),
      task_id: task.id,
      direction: "outbound",
      content: [{ type: "text", text: `The simulated task received: ${said}` }],
      in_reply_to: inbound.id,
      created_at: nowIso(),
    };
    store.tasks.appendMessage(reply);
    append(task.session_id, "task.message.received", { task_id: task.id, message: reply }, context);
    const answered = (task.progress?.current ?? 0) + 1;
    const updated: SessionTask = {
      ...task,
      progress: { ...task.progress, current: answered },
      summary: `Answered ${answered} message(s).`,
      updated_at: nowIso(),
    };
    store.tasks.update(updated);
    append(task.session_id, "task.updated", { task: updated }, context);
    return inbound;
  });
}

/** Cancels a task (`task.updated`, state `canceled`); a task that ended is returned as is. */
export function cancelTask(store: Store, append: AppendEvent, task: SessionTask): SessionTask {
  if (isTerminal(task)) return task;
  const now = nowIso();
  const canceled: SessionTask = {
    ...task,
    state: "canceled",
    state_detail: "cancelled on request",
    cancel_requested_at: now,
    finished_at: now,
    updated_at: now,
  };
  store.tasks.update(canceled);
  append(task.session_id, "task.updated", { task: canceled }, {});
  return canceled;
}
