import type { ApiPromise } from "../http/api-promise.js";
import type { RequestOptions } from "../request-options.js";
import type { HealthCheckRun, LatestHealthCheckRun } from "../types.js";
import { ApiResource } from "./api-resource.js";

/** Health checks of an agent (`client.agents.healthChecks`): scripted cases, graded. */
export class AgentHealthChecks extends ApiResource {
  /** Runs a health check of the agent now. */
  run(agentId: string, options?: RequestOptions): ApiPromise<HealthCheckRun> {
    return this.request(
      "post",
      "/v1/agents/{agent_id}/health-checks",
      { params: { path: { agent_id: agentId } } },
      options,
    );
  }

  /** Lists the agent's health-check runs, newest first. */
  list(agentId: string, options?: RequestOptions): ApiPromise<HealthCheckRun[]> {
    return this.request(
      "get",
      "/v1/agents/{agent_id}/health-checks",
      { params: { path: { agent_id: agentId } } },
      options,
    );
  }

  /** The latest run (or `null`), and whether the agent changed since it. */
  latest(agentId: string, options?: RequestOptions): ApiPromise<LatestHealthCheckRun> {
    return this.request(
      "get",
      "/v1/agents/{agent_id}/health-checks/latest",
      { params: { path: { agent_id: agentId } } },
      options,
    );
  }

  /** One run by id. */
  get(agentId: string, runId: string, options?: RequestOptions): ApiPromise<HealthCheckRun> {
    return this.request(
      "get",
      "/v1/agents/{agent_id}/health-checks/{run_id}",
      { params: { path: { agent_id: agentId, run_id: runId } } },
      options,
    );
  }
}
