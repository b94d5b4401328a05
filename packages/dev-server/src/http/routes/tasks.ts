import { cancelTask, postTaskMessage } from "../../domain/tasks.js";
import type { OperationHandlers } from "../operation-types.js";
import { notFound } from "../problem.js";
import type { ServerContext } from "../server-context.js";
import { findSession } from "./sessions.js";

type TaskHandlers = Pick<
  OperationHandlers,
  | "listOrgTasks"
  | "listSessionTasks"
  | "getSessionTask"
  | "cancelSessionTask"
  | "postSessionTaskMessage"
>;

/** Background tasks: a session's (list, get with messages, cancel, post a message) and the organization's. */
export const taskHandlers: TaskHandlers = {
  listOrgTasks({ c, server, query }) {
    return c.json(
      server.store.tasks.list({
        sessionId: query.root_session_id,
        state: query.state,
        kind: query.kind,
        createdAfter: query.created_after && new Date(query.created_after).toISOString(),
        newestFirst: true,
        limit: query.limit ?? 100,
      }),
    );
  },

  listSessionTasks({ c, server, path, query }) {
    const session = findSession(server, path.session_id);
    return c.json(
      server.store.tasks.list({ sessionId: session.id, state: query.state, kind: query.kind }),
    );
  },

  getSessionTask({ c, server, path, query }) {
    const task = findTask(server, path.session_id, path.task_id);
    const messages = server.store.tasks.messages(task.id, query.after_id, query.limit ?? 100);
    return c.json({ task, messages });
  },

  cancelSessionTask({ c, server, path }) {
    const task = findTask(server, path.session_id, path.task_id);
    const canceled = cancelTask(server.store, append(server), task);
    server.engine.events.flush();
    return c.json(canceled);
  },

  postSessionTaskMessage({ c, server, path, body }) {
    const task = findTask(server, path.session_id, path.task_id);
    const message = postTaskMessage(server.store, append(server), task, body);
    server.engine.events.flush();
    return c.json(message);
  },
};

function findTask(server: ServerContext, sessionId: string, taskId: string) {
  const session = findSession(server, sessionId);
  const task = server.store.tasks.get(session.id, taskId);
  if (!task) throw notFound("task", taskId);
  return task;
}

function append(server: ServerContext) {
  return server.engine.events.append.bind(server.engine.events);
}
