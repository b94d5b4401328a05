import type { HealthCheckRun } from "@everruns/core";
import type { Db } from "./database.js";

/** Health-check runs table, per agent. */
export class HealthChecksRepo {
  readonly #get;
  readonly #insert;
  readonly #list;

  constructor(db: Db) {
    this.#get = db.prepare<[string, string], { doc: string }>(
      "SELECT doc FROM health_check_runs WHERE id = ? AND agent_id = ?",
    );
    this.#insert = db.prepare(
      "INSERT INTO health_check_runs (id, agent_id, doc) VALUES (@id, @agent_id, @doc)",
    );
    // Ids are UUIDv7-based, so ordering by id is ordering by creation time.
    this.#list = db.prepare<[string], { doc: string }>(
      "SELECT doc FROM health_check_runs WHERE agent_id = ? ORDER BY id DESC",
    );
  }

  /** The run `id` of agent `agentId`. */
  get(agentId: string, id: string): HealthCheckRun | undefined {
    const row = this.#get.get(id, agentId);
    return row ? (JSON.parse(row.doc) as HealthCheckRun) : undefined;
  }

  /** Stores a run. */
  insert(agentId: string, run: HealthCheckRun): void {
    this.#insert.run({ id: run.id, agent_id: agentId, doc: JSON.stringify(run) });
  }

  /** The runs of an agent, newest first. */
  listByAgent(agentId: string): HealthCheckRun[] {
    return this.#list.all(agentId).map((row) => JSON.parse(row.doc) as HealthCheckRun);
  }
}
