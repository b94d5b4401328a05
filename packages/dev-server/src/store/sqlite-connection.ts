import { DatabaseSync } from "@photostructure/sqlite";

/** What a statement's `run` reports. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/**
 * A prepared statement, typed by its bind parameters and the row it reads. Only the calls the
 * store makes are listed, so a driver change is checked by the compiler.
 */
export interface Statement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): RunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
}

/** Bind parameters given as a tuple, or as one object of named parameters. */
type Binds<P> = P extends unknown[] ? P : [P];

/**
 * An open SQLite database: the subset of the driver the store uses, plus a transaction helper
 * that nests (the driver's own does not).
 */
export interface Db {
  /** True until {@link Db.close}. */
  readonly open: boolean;
  prepare<P extends unknown[] | object = unknown[], R = unknown>(
    sql: string,
  ): Statement<Binds<P>, R>;
  exec(sql: string): void;
  pragma(sql: string): unknown;
  /**
   * Wraps `work` so that each call runs in one transaction: committed when it returns, rolled
   * back when it throws. A call inside another transaction becomes a savepoint, so an inner
   * failure that the outer work catches undoes only the inner writes.
   */
  transaction<A extends unknown[], T>(work: (...args: A) => T): (...args: A) => T;
  close(): void;
}

/**
 * The store's connection on `@photostructure/sqlite`: Node's own `node:sqlite` module
 * (`DatabaseSync`) packaged for Node 20, with its prebuilt binaries inside the npm package, so
 * nothing is compiled or downloaded at install. Its API is `node:sqlite`'s, which Node 22.13+
 * has built in. Chosen by measurement over better-sqlite3 (compiles on install) and libsql
 * (0.75–0.9× on the event store): see bench/README.md, benchmark 4.
 *
 * Transaction control runs through statements prepared once: parsing `BEGIN`/`COMMIT` for every
 * event batch is a measurable share of a one-event commit.
 */
class SqliteConnection implements Db {
  readonly #driver: InstanceType<typeof DatabaseSync>;
  readonly #begin: Statement;
  readonly #commit: Statement;
  readonly #rollback: Statement;
  readonly #savepoint: Statement;
  readonly #release: Statement;
  readonly #rollbackToSavepoint: Statement;
  #depth = 0;

  constructor(path: string) {
    // Another connection (the `sqlite3` shell, a test reading the file) may hold a lock for a
    // moment: wait up to 5 s for it, as better-sqlite3 did, instead of failing at once.
    this.#driver = new DatabaseSync(path, { timeout: 5_000 });
    this.#begin = this.prepare("BEGIN");
    this.#commit = this.prepare("COMMIT");
    this.#rollback = this.prepare("ROLLBACK");
    this.#savepoint = this.prepare("SAVEPOINT nested");
    this.#release = this.prepare("RELEASE nested");
    this.#rollbackToSavepoint = this.prepare("ROLLBACK TO nested");
  }

  get open(): boolean {
    return this.#driver.isOpen;
  }

  prepare<P extends unknown[] | object = unknown[], R = unknown>(
    sql: string,
  ): Statement<Binds<P>, R> {
    // The driver's statement has exactly these methods; its typings only lack the row type.
    return this.#driver.prepare(sql) as unknown as Statement<Binds<P>, R>;
  }

  exec(sql: string): void {
    this.#driver.exec(sql);
  }

  pragma(sql: string): unknown {
    return this.#driver.prepare(`PRAGMA ${sql}`).all();
  }

  transaction<A extends unknown[], T>(work: (...args: A) => T): (...args: A) => T {
    return (...args: A): T => {
      const nested = this.#depth > 0;
      (nested ? this.#savepoint : this.#begin).run();
      this.#depth++;
      try {
        const result = work(...args);
        if (isThenable(result)) {
          // The commit below would run at the work's first `await`, before the rest of it.
          throw new TypeError(
            "A store transaction must be synchronous; its work returned a promise",
          );
        }
        (nested ? this.#release : this.#commit).run();
        return result;
      } catch (error) {
        // Some failures (a full disk, out of memory) make SQLite roll back the whole
        // transaction itself: then there is nothing left to undo, and the original error is
        // what the caller must see.
        if (this.#driver.isTransaction) {
          if (nested) {
            this.#rollbackToSavepoint.run();
            this.#release.run();
          } else {
            this.#rollback.run();
          }
        }
        throw error;
      } finally {
        this.#depth--;
      }
    };
  }

  close(): void {
    this.#driver.close();
  }
}

function isThenable(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** Opens a connection to the SQLite database at `path` (a file, or `":memory:"`). */
export function connect(path: string): Db {
  return new SqliteConnection(path);
}
