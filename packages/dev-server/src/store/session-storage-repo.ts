import type { Db } from "./database.js";

/** A secret's name and dates: the value never leaves this module except to the engine. */
export interface SecretRow {
  name: string;
  created_at: string;
  updated_at: string;
}

/** An entry of a session's key-value store. */
export interface KeyValueRow {
  key: string;
  value: string;
  created_at: string;
  updated_at: string;
}

/**
 * Per-session storage: write-only secrets and a key-value store. Listing secrets returns
 * names only; no method here hands a secret's value to a route.
 */
export class SessionStorageRepo {
  readonly #upsertSecrets;
  readonly #listSecrets;
  readonly #listKeys;
  readonly #copy;

  constructor(db: Db) {
    const upsert = db.prepare(
      `INSERT INTO session_secrets (session_id, name, value, created_at, updated_at)
       VALUES (@session_id, @name, @value, @now, @now)
       ON CONFLICT (session_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.#upsertSecrets = db.transaction(
      (sessionId: string, secrets: Record<string, string>, now: string) => {
        for (const [name, value] of Object.entries(secrets)) {
          upsert.run({ session_id: sessionId, name, value, now });
        }
      },
    );
    this.#listSecrets = db.prepare<[string], SecretRow>(
      "SELECT name, created_at, updated_at FROM session_secrets WHERE session_id = ? ORDER BY name",
    );
    this.#listKeys = db.prepare<[string], KeyValueRow>(
      "SELECT key, value, created_at, updated_at FROM session_kv WHERE session_id = ? ORDER BY key",
    );
    const copySecrets = db.prepare(
      `INSERT INTO session_secrets (session_id, name, value, created_at, updated_at)
       SELECT @to, name, value, @now, @now FROM session_secrets WHERE session_id = @from`,
    );
    const copyKeys = db.prepare(
      `INSERT INTO session_kv (session_id, key, value, created_at, updated_at)
       SELECT @to, key, value, @now, @now FROM session_kv WHERE session_id = @from`,
    );
    this.#copy = db.transaction((from: string, to: string, now: string) => {
      copySecrets.run({ from, to, now });
      copyKeys.run({ from, to, now });
    });
  }

  /** Creates or overwrites the given secrets in one transaction; returns how many. */
  setSecrets(sessionId: string, secrets: Record<string, string>, now: string): number {
    this.#upsertSecrets(sessionId, secrets, now);
    return Object.keys(secrets).length;
  }

  /** The session's secrets by name, without values. */
  listSecrets(sessionId: string): SecretRow[] {
    return this.#listSecrets.all(sessionId);
  }

  /** The session's key-value entries by key. */
  listKeys(sessionId: string): KeyValueRow[] {
    return this.#listKeys.all(sessionId);
  }

  /** Copies every secret and key of one session to another (a fork keeps its storage). */
  copy(from: string, to: string, now: string): void {
    this.#copy(from, to, now);
  }
}
