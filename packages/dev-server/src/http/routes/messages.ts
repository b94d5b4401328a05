import type { Context } from "hono";
import { startSimulatedTask } from "../../domain/tasks.js";
import type { OperationHandlers } from "../operation-types.js";
import { cutConnection, dataListBody, type PagedSource } from "../paged-body.js";
import { ApiProblem } from "../problem.js";
import type { ServerContext } from "../server-context.js";
import { findSession } from "./sessions.js";

const SIMULATE_TASK = /\[simulate:task\]/i;

type MessageHandlers = Pick<OperationHandlers, "createMessage" | "listMessages">;

/** Messages: sending one stores it and starts (or queues) a turn; listing returns all, oldest first. */
export const messageHandlers: MessageHandlers = {
  createMessage({ c, server, path, body }) {
    const session = findSession(server, path.session_id);
    const role = body.message.role ?? "user";
    if (role !== "user") {
      throw new ApiProblem(
        400,
        "invalid_role",
        `Clients may only send user messages, not "${role}".`,
      );
    }
    if (body.message.content.length === 0) {
      throw new ApiProblem(
        400,
        "empty_message",
        "The message has no content: send at least one part.",
      );
    }
    const stored = server.engine.acceptMessage(session, body);
    // `[simulate:task]` starts a simulated background task, so the task API and its
    // `task.*` events can be tried without a real sub-agent.
    if (
      body.message.content.some((part) => part.type === "text" && SIMULATE_TASK.test(part.text))
    ) {
      const events = server.engine.events;
      startSimulatedTask(server.store, events.append.bind(events), session.id, {
        input_message_id: stored.id,
      });
      events.flush();
    }
    return c.json(stored, 201);
  },

  listMessages({ c, server, path }) {
    const session = findSession(server, path.session_id);
    // The API answers every message at once (no pages): stream it page by page from the store,
    // so a long session neither builds one huge string nor holds its history in memory.
    const body = dataListBody(sessionMessages(c, server, session.id));
    return new Response(body, {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  },
};

/**
 * A session's stored messages as a paged source: the messages list and the JSONL export stream
 * from it, and a session deleted mid-body cuts the connection.
 */
export function sessionMessages(c: Context, server: ServerContext, sessionId: string): PagedSource {
  return {
    read: (after, limits) => server.store.messages.docs(sessionId, after, limits),
    stillThere: () => server.store.sessions.get(sessionId) !== undefined,
    onGone: cutConnection(c),
  };
}
