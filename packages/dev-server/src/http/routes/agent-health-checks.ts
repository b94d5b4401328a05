import { changedSince, runHealthCheck } from "../../domain/health-checks.js";
import type { OperationHandlers } from "../operation-types.js";
import { notFound } from "../problem.js";
import { findAgent } from "./agents.js";

type HealthCheckHandlers = Pick<
  OperationHandlers,
  "listHealthChecks" | "triggerHealthCheck" | "getLatestHealthCheck" | "getHealthCheck"
>;

/** Agent health checks: run one, list them, the latest, one by id. */
export const agentHealthCheckHandlers: HealthCheckHandlers = {
  listHealthChecks({ c, server, path }) {
    const agent = findAgent(server, path.agent_id);
    return c.json(server.store.healthChecks.listByAgent(agent.id));
  },

  triggerHealthCheck({ c, server, path }) {
    return c.json(runHealthCheck(server.store, findAgent(server, path.agent_id)));
  },

  getLatestHealthCheck({ c, server, path }) {
    const agent = findAgent(server, path.agent_id);
    const run = server.store.healthChecks.listByAgent(agent.id)[0];
    return c.json({ run: run ?? null, config_changed: changedSince(agent, run) });
  },

  getHealthCheck({ c, server, path }) {
    const agent = findAgent(server, path.agent_id);
    const run = server.store.healthChecks.get(agent.id, path.run_id);
    if (!run) throw notFound("health_check", path.run_id);
    return c.json(run);
  },
};
