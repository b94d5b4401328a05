import type { HealthCheckRun } from "@everruns/core";
import { newId, nowIso } from "../ids.js";
import type { AgentRecord } from "../store/records.js";
import type { Store } from "../store/store.js";
import { reviewAgentDraft } from "./agent-review.js";
import { authoredConfig, configHash } from "./agent-versions.js";
import { findHarness } from "./harnesses.js";

type CaseResult = NonNullable<HealthCheckRun["results"]>[number];

/**
 * Runs a health check of an agent as its sessions would see it. The dev server has no judge
 * model, so each case is graded by rules over the configuration (no turn is run): it has
 * instructions, its harness exists, every capability it names exists, and its tools are
 * well-formed. The run is stored and returned.
 */
export function runHealthCheck(store: Store, agent: AgentRecord): HealthCheckRun {
  const started = Date.now();
  const findings = reviewAgentDraft(store, {
    system_prompt: agent.system_prompt,
    capabilities: agent.capabilities ?? [],
    tools: (agent.tools ?? []) as unknown as Record<string, unknown>[],
  });
  const failing = (prefix: string) =>
    findings.filter((f) => f.rule_id.startsWith(prefix) && f.severity === "warning");
  const grade = (
    name: string,
    user_message: string,
    rubric: string,
    problems: string[],
  ): CaseResult => ({
    name,
    user_message,
    rubric,
    passed: problems.length === 0,
    score: problems.length === 0 ? 1 : 0,
    judge_reason: "Graded by rules: the dev server has no judge model.",
    deterministic_reason: problems.length === 0 ? "All rules passed." : problems.join(" "),
    turns: 0,
    latency_ms: 0,
    input_tokens: 0,
    output_tokens: 0,
    session_id: null,
    error: null,
  });
  const results: CaseResult[] = [
    grade(
      "has_instructions",
      "What can you do for me?",
      "The agent has a system prompt that tells it what to do.",
      failing("prompt.").map((f) => f.message),
    ),
    grade(
      "harness_available",
      "Hello!",
      "The agent's harness exists.",
      findHarness(store, agent.harness_id) ? [] : [`Harness ${agent.harness_id} does not exist.`],
    ),
    grade(
      "capabilities_available",
      "Use your tools.",
      "Every capability the agent names exists.",
      failing("capability.").map((f) => f.message),
    ),
    grade(
      "tools_well_formed",
      "Which tools do you have?",
      "Every tool has a unique name.",
      failing("tool.").map((f) => f.message),
    ),
  ];
  const passed = results.filter((r) => r.passed).length;
  const run: HealthCheckRun = {
    id: newId("hcrun"),
    agent_id: agent.id,
    model_id: agent.default_model_id ?? null,
    config_hash: configHash(authoredConfig(agent)),
    status: "completed",
    results,
    summary: {
      total: results.length,
      passed,
      failed: results.length - passed,
      errored: 0,
      pass_rate: passed / results.length,
      avg_score: results.reduce((sum, r) => sum + r.score, 0) / results.length,
      avg_turns: 0,
      total_input_tokens: 0,
      total_output_tokens: 0,
    },
    error_message: null,
    created_at: new Date(started).toISOString(),
    completed_at: nowIso(),
  };
  store.healthChecks.insert(agent.id, run);
  return run;
}

/** Whether the agent's settings changed since `run` checked them. */
export function changedSince(agent: AgentRecord, run: HealthCheckRun | undefined): boolean {
  return !run || run.config_hash !== configHash(authoredConfig(agent));
}
