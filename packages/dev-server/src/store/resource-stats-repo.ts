import type { Db } from "./database.js";

/** Raw counts over a set of sessions (those of one agent, or of one harness). */
export interface SessionAggregate {
  sessions: number;
  started: number;
  active: number;
  idle: number;
  waiting: number;
  turns: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  estimated_cost_usd: number;
  actual_cost_usd: number;
  first_session_at: string | null;
  last_session_at: string | null;
  last_turn_at: string | null;
  duration_ms: number;
}

const AGGREGATE = (where: string) => `
  SELECT
    count(*) AS sessions,
    coalesce(sum(s.status = 'started'), 0) AS started,
    coalesce(sum(s.status = 'active'), 0) AS active,
    coalesce(sum(s.status = 'idle'), 0) AS idle,
    coalesce(sum(s.status = 'waiting_for_tool_results'), 0) AS waiting,
    coalesce(sum((SELECT count(*) FROM turns t WHERE t.session_id = s.id)), 0) AS turns,
    coalesce(sum(json_extract(s.doc, '$.usage.input_tokens')), 0) AS input_tokens,
    coalesce(sum(json_extract(s.doc, '$.usage.output_tokens')), 0) AS output_tokens,
    coalesce(sum(json_extract(s.doc, '$.usage.cache_read_tokens')), 0) AS cache_read_tokens,
    coalesce(sum(json_extract(s.doc, '$.usage.cache_creation_tokens')), 0) AS cache_creation_tokens,
    coalesce(sum(json_extract(s.doc, '$.usage.estimated_cost_usd')), 0) AS estimated_cost_usd,
    coalesce(sum(json_extract(s.doc, '$.usage.actual_cost_usd')), 0) AS actual_cost_usd,
    coalesce(sum(CAST(round((julianday(coalesce(json_extract(s.doc, '$.finished_at'), json_extract(s.doc, '$.updated_at'))) - julianday(s.created_at)) * 86400000) AS INTEGER)), 0) AS duration_ms,
    min(s.created_at) AS first_session_at,
    max(s.created_at) AS last_session_at,
    (SELECT max(t.created_at) FROM turns t JOIN sessions s2 ON s2.id = t.session_id WHERE ${where.replaceAll("s.", "s2.")}) AS last_turn_at
  FROM sessions s WHERE ${where}`;

/** Usage counts of agents and harnesses, computed from the sessions and turns tables. */
export class ResourceStatsRepo {
  readonly #byAgent;
  readonly #byHarness;

  constructor(db: Db) {
    this.#byAgent = db.prepare<[string, string], SessionAggregate>(AGGREGATE("s.agent_id = ?"));
    this.#byHarness = db.prepare<[string, string], SessionAggregate>(
      AGGREGATE("json_extract(s.doc, '$.harness_id') = ?"),
    );
  }

  /** Counts over the sessions of an agent. */
  forAgent(agentId: string): SessionAggregate {
    return this.#byAgent.get(agentId, agentId) as SessionAggregate;
  }

  /** Counts over the sessions that run on a harness. */
  forHarness(harnessId: string): SessionAggregate {
    return this.#byHarness.get(harnessId, harnessId) as SessionAggregate;
  }
}
