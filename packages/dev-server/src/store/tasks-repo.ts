import type { SessionTask, TaskMessage } from "@everruns/core";
import type { Db } from "./database.js";

/** Filters of {@link TasksRepo.list}. */
export interface TaskFilter {
  sessionId?: string | undefined;
  state?: string | undefined;
  kind?: string | undefined;
  createdAfter?: string | undefined;
  /** Newest first (organization list) instead of oldest first (a session's list). */
  newestFirst?: boolean;
  limit?: number;
}

/** Background tasks and their messages (each message gets the next `seq` of its task). */
export class TasksRepo {
  readonly #db: Db;
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #nextSeq;
  readonly #insertMessage;
  readonly #messages;

  constructor(db: Db) {
    this.#db = db;
    this.#get = db.prepare<[string, string], { doc: string }>(
      "SELECT doc FROM tasks WHERE session_id = ? AND id = ?",
    );
    this.#insert = db.prepare(
      "INSERT INTO tasks (id, session_id, state, kind, created_at, doc) VALUES (@id, @session_id, @state, @kind, @created_at, @doc)",
    );
    this.#update = db.prepare("UPDATE tasks SET state = @state, doc = @doc WHERE id = @id");
    this.#nextSeq = db.prepare<[string], { n: number }>(
      "SELECT coalesce(max(seq), 0) + 1 AS n FROM task_messages WHERE task_id = ?",
    );
    this.#insertMessage = db.prepare(
      "INSERT INTO task_messages (id, task_id, seq, doc) VALUES (@id, @task_id, @seq, @doc)",
    );
    this.#messages = db.prepare<[string, string | null, string | null, number], { doc: string }>(
      `SELECT doc FROM task_messages WHERE task_id = ?
         AND (? IS NULL OR seq > (SELECT seq FROM task_messages WHERE id = ?))
       ORDER BY seq LIMIT ?`,
    );
  }

  /** The task of this session with this id. */
  get(sessionId: string, taskId: string): SessionTask | undefined {
    const row = this.#get.get(sessionId, taskId);
    return row ? (JSON.parse(row.doc) as SessionTask) : undefined;
  }

  /** Stores a new task. */
  insert(task: SessionTask): void {
    this.#insert.run({
      id: task.id,
      session_id: task.session_id,
      state: task.state,
      kind: task.kind,
      created_at: task.created_at,
      doc: JSON.stringify(task),
    });
  }

  /** Replaces a stored task. */
  update(task: SessionTask): void {
    this.#update.run({ id: task.id, state: task.state, doc: JSON.stringify(task) });
  }

  /** Tasks matching `filter`. */
  list(filter: TaskFilter): SessionTask[] {
    const order = filter.newestFirst ? "DESC" : "ASC";
    const rows = this.#db
      .prepare<Record<string, unknown>, { doc: string }>(
        `SELECT doc FROM tasks
         WHERE (@session_id IS NULL OR session_id = @session_id)
           AND (@state IS NULL OR state = @state)
           AND (@kind IS NULL OR kind = @kind)
           AND (@created_after IS NULL OR created_at > @created_after)
         ORDER BY created_at ${order}, id ${order} LIMIT @limit`,
      )
      .all({
        session_id: filter.sessionId ?? null,
        state: filter.state ?? null,
        kind: filter.kind ?? null,
        created_after: filter.createdAfter ?? null,
        limit: filter.limit ?? -1,
      });
    return rows.map((row) => JSON.parse(row.doc) as SessionTask);
  }

  /** Stores a message of a task as its next one. */
  appendMessage(message: TaskMessage): void {
    const seq = this.#nextSeq.get(message.task_id)?.n ?? 1;
    this.#insertMessage.run({
      id: message.id,
      task_id: message.task_id,
      seq,
      doc: JSON.stringify(message),
    });
  }

  /** Up to `limit` messages of a task, oldest first, after `afterId` when given. */
  messages(taskId: string, afterId: string | undefined, limit: number): TaskMessage[] {
    return this.#messages
      .all(taskId, afterId ?? null, afterId ?? null, limit)
      .map((row) => JSON.parse(row.doc) as TaskMessage);
  }
}
