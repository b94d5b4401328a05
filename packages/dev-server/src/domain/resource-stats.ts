import type { ResourceStats } from "@everruns/core";
import type { SessionAggregate } from "../store/resource-stats-repo.js";

/** The API's usage statistics from the store's counts over a set of sessions. */
export function toResourceStats(a: SessionAggregate): ResourceStats {
  const estimated = a.estimated_cost_usd;
  const actual = a.actual_cost_usd;
  return {
    session_count: a.sessions,
    started_session_count: a.started,
    active_session_count: a.active,
    idle_session_count: a.idle,
    waiting_for_tool_results_session_count: a.waiting,
    execution_count: a.turns,
    total_session_duration_ms: Math.max(0, a.duration_ms),
    avg_session_duration_ms:
      a.sessions > 0 ? Math.round(Math.max(0, a.duration_ms) / a.sessions) : null,
    total_input_tokens: a.input_tokens,
    total_output_tokens: a.output_tokens,
    total_cache_read_tokens: a.cache_read_tokens,
    total_cache_creation_tokens: a.cache_creation_tokens,
    total_estimated_cost_usd: estimated,
    total_actual_cost_usd: actual,
    // Actual cost where the provider reported one, else the estimate.
    total_cost_usd: actual > 0 ? actual : estimated,
    first_session_at: a.first_session_at,
    last_session_at: a.last_session_at,
    last_execution_at: a.last_turn_at,
  };
}
