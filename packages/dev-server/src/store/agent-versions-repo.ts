import type { AgentVersion } from "@everruns/core";
import type { Db } from "./database.js";

/** Agent versions table: each saved snapshot of an agent's settings, numbered per agent. */
export class AgentVersionsRepo {
  readonly #get;
  readonly #insert;
  readonly #list;
  readonly #maxNumber;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { doc: string }>(
      "SELECT doc FROM agent_versions WHERE id = ?",
    );
    this.#insert = db.prepare(
      "INSERT INTO agent_versions (id, agent_id, version_number, doc) VALUES (@id, @agent_id, @version_number, @doc)",
    );
    this.#list = db.prepare<[string], { doc: string }>(
      "SELECT doc FROM agent_versions WHERE agent_id = ? ORDER BY version_number DESC",
    );
    this.#maxNumber = db.prepare<[string], { n: number | null }>(
      "SELECT max(version_number) AS n FROM agent_versions WHERE agent_id = ?",
    );
  }

  /** The version with this id. */
  get(id: string): AgentVersion | undefined {
    const row = this.#get.get(id);
    return row ? (JSON.parse(row.doc) as AgentVersion) : undefined;
  }

  /** Stores a new version. */
  insert(version: AgentVersion): void {
    this.#insert.run({
      id: version.id,
      agent_id: version.agent_id,
      version_number: version.version_number,
      doc: JSON.stringify(version),
    });
  }

  /** The versions of an agent, newest first. */
  listByAgent(agentId: string): AgentVersion[] {
    return this.#list.all(agentId).map((row) => JSON.parse(row.doc) as AgentVersion);
  }

  /** The highest version number of an agent (0 when it has none). */
  lastNumber(agentId: string): number {
    return this.#maxNumber.get(agentId)?.n ?? 0;
  }
}
