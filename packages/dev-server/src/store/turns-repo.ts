import type { Db } from "./database.js";
import type { TurnStatus } from "./records.js";

/** A turn row: which message it answers and where it is. */
export interface TurnRow {
  id: string;
  session_id: string;
  input_message_id: string;
  status: TurnStatus;
}

/** Turns table: lets a restarted server find the turns it left unfinished. */
export class TurnsRepo {
  readonly #insert;
  readonly #setStatus;
  readonly #unfinished;

  constructor(db: Db) {
    this.#insert = db.prepare(
      "INSERT INTO turns (id, session_id, input_message_id, status, created_at) VALUES (@id, @session_id, @input_message_id, @status, @created_at)",
    );
    this.#setStatus = db.prepare("UPDATE turns SET status = ? WHERE id = ?");
    this.#unfinished = db.prepare<[], TurnRow>(
      "SELECT id, session_id, input_message_id, status FROM turns WHERE status IN ('queued', 'running', 'waiting') ORDER BY id",
    );
  }

  /** Records a new turn. */
  insert(turn: TurnRow, createdAt: string): void {
    this.#insert.run({ ...turn, created_at: createdAt });
  }

  /** Moves a turn to another status. */
  setStatus(id: string, status: TurnStatus): void {
    this.#setStatus.run(status, id);
  }

  /** Turns that were queued, running or waiting, oldest first. */
  unfinished(): TurnRow[] {
    return this.#unfinished.all();
  }
}
