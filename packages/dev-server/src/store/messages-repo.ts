import type { Message } from "@everruns/core";
import type { Db } from "./database.js";
import type { MessageRecord } from "./records.js";

/** Messages table: each message gets the next `sequence` of its session. */
export class MessagesRepo {
  readonly #next;
  readonly #insert;
  readonly #list;
  readonly #page;
  readonly #newestFirst;

  constructor(db: Db) {
    this.#next = db.prepare<[string], { n: number }>(
      "SELECT coalesce(max(sequence), 0) + 1 AS n FROM messages WHERE session_id = ?",
    );
    this.#insert = db.prepare(
      "INSERT INTO messages (id, session_id, sequence, doc) VALUES (@id, @session_id, @sequence, @doc)",
    );
    this.#list = db.prepare<[string], { doc: string }>(
      "SELECT doc FROM messages WHERE session_id = ? ORDER BY sequence",
    );
    this.#page = db.prepare<[string, number, number], { sequence: number; doc: string }>(
      "SELECT sequence, doc FROM messages WHERE session_id = ? AND sequence > ? ORDER BY sequence LIMIT ?",
    );
    this.#newestFirst = db.prepare<[string], { doc: string }>(
      "SELECT doc FROM messages WHERE session_id = ? ORDER BY sequence DESC",
    );
  }

  /**
   * Messages of a session after `afterSequence`, oldest first, as stored JSON: at most
   * `limits.rows`, and no more than `limits.chars` characters unless one message alone is
   * larger. What streamed bodies are built from, without parsing and re-serializing.
   */
  docs(
    sessionId: string,
    afterSequence: number,
    limits: { rows: number; chars: number },
  ): { sequence: number; doc: string }[] {
    const page: { sequence: number; doc: string }[] = [];
    let chars = 0;
    for (const row of this.#page.iterate(sessionId, afterSequence, limits.rows)) {
      if (page.length > 0 && chars + row.doc.length > limits.chars) break;
      page.push(row);
      chars += row.doc.length;
    }
    return page;
  }

  /**
   * The latest messages of a session, oldest first: at most `maxMessages`, and no more than
   * `maxChars` of stored JSON (the newest one always included). Rows are read newest first
   * and reading stops at the limit, so a long session costs what is kept, not its whole log.
   */
  latest(sessionId: string, maxMessages: number, maxChars: number): MessageRecord[] {
    const kept: MessageRecord[] = [];
    let chars = 0;
    for (const row of this.#newestFirst.iterate(sessionId)) {
      chars += row.doc.length;
      if (kept.length > 0 && (kept.length >= maxMessages || chars > maxChars)) break;
      kept.push(JSON.parse(row.doc) as MessageRecord);
    }
    return kept.reverse();
  }

  /** Stores a message as the session's next one and returns it with `session_id` and `sequence`. */
  append(sessionId: string, message: Message): MessageRecord {
    const sequence = this.#next.get(sessionId)?.n ?? 1;
    const record: MessageRecord = { ...message, session_id: sessionId, sequence };
    this.#insert.run({
      id: record.id,
      session_id: sessionId,
      sequence,
      doc: JSON.stringify(record),
    });
    return record;
  }

  /** Every message of a session, oldest first. */
  list(sessionId: string): MessageRecord[] {
    return this.#list.all(sessionId).map((row) => JSON.parse(row.doc) as MessageRecord);
  }
}
