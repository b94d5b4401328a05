import type { Capability, Harness, Model } from "@everruns/core";
import type { UrlFields } from "../store/records.js";

const BUILT_IN_AT = "2025-01-01T00:00:00.000Z";

/** The organization and workspace every dev-server session belongs to. */
export const DEV_ORGANIZATION_ID = "org_00000000000070008000000000000001";
/** The workspace of every dev-server session unless the request names one. */
export const DEV_WORKSPACE_ID = "workspace_00000000000070008000000000000001";
/** The principal that owns every dev-server session. */
export const DEV_PRINCIPAL_ID = "user_00000000000070008000000000000001";

/** The built-in `generic` harness: the default of every session. */
export const GENERIC_HARNESS: Omit<Harness, UrlFields | "session_count" | "app_count"> = {
  id: "harness_00000000000070008000000000000001",
  name: "generic",
  display_name: "Generic",
  description: "The default harness: a plain assistant with no extra tools.",
  system_prompt: "You are a helpful assistant.",
  status: "active",
  is_built_in: true,
  tags: [],
  capabilities: [],
  created_at: BUILT_IN_AT,
  updated_at: BUILT_IN_AT,
};

/** The built-in `current_time` capability: a server-side tool that tells the time. */
export const CURRENT_TIME_CAPABILITY: Omit<Capability, UrlFields> = {
  id: "current_time",
  name: "Current time",
  description: "Lets the agent read the current date and time (server-side tool `current_time`).",
  status: "available",
  category: "utilities",
  risk_level: "low",
  is_guardrail: false,
  is_mcp: false,
  is_skill: false,
  features: [],
  dependencies: [],
  // The spec types these as empty objects (`Record<string, never>`): the cast is the only way in.
  tool_definitions: [
    {
      type: "builtin",
      name: "current_time",
      description: "Returns the current date and time in UTC (RFC 3339).",
      parameters: { type: "object", properties: {} },
    },
  ] as unknown as Record<string, never>[],
};

/** Every built-in capability. */
export const CAPABILITIES: readonly Omit<Capability, UrlFields>[] = [CURRENT_TIME_CAPABILITY];

/** The model entry for the server's configured model. */
export function modelEntry(
  kind: "simulated" | "openai",
  modelName: string,
): Omit<Model, UrlFields> {
  const simulated = kind === "simulated";
  return {
    id: simulated
      ? "model_00000000000070008000000000000001"
      : "model_00000000000070008000000000000002",
    model_id: modelName,
    display_name: simulated ? "Simulated (dev server)" : `${modelName} (OpenAI-compatible)`,
    capabilities: simulated ? ["chat", "tool_call", "reasoning"] : ["chat"],
    is_favorite: true,
    enabled: true,
    source: "predefined",
    model_vendor: simulated ? "llmsim" : "openai",
    provider_id: simulated ? "provider_simulated" : "provider_openai_compatible",
    provider_name: simulated ? "Dev server simulator" : "OpenAI-compatible endpoint",
    provider_type: simulated ? "llmsim" : "openai",
    healthy: true,
    profile: simulated ? SIMULATED_PROFILE : null,
    created_at: BUILT_IN_AT,
    updated_at: BUILT_IN_AT,
  };
}

/** What the simulated model can do; it costs nothing, whatever the tier. */
const SIMULATED_PROFILE: NonNullable<Model["profile"]> = {
  name: "Simulated",
  family: "llmsim",
  attachment: false,
  reasoning: true,
  temperature: false,
  tool_call: true,
  structured_output: false,
  open_weights: true,
  limits: { context: 128_000, output: 8_192 },
  cost: { input: 0, output: 0, cost_tiers: [{ above_tokens: 100_000, input: 0, output: 0 }] },
  modalities: { input: ["text"], output: ["text"] },
  reasoning_effort: {
    values: [
      { value: "low", name: "Low" },
      { value: "medium", name: "Medium" },
    ],
    default: "medium",
  },
};
