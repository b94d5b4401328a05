import type {
  Agent,
  AgentWithCounts,
  Capability,
  Harness,
  Model,
  Session,
  SessionMessage,
} from "../types.js";

const NOW = "2026-11-23T10:00:00Z";
const urls = (path: string) => ({
  self_url: `/v1/${path}`,
  view_url: `/${path}`,
  ui_link: `/${path}`,
});

export const AGENT_ID = "agent_0196831a1f9c7a0f8a5c9ab3d7d0f201";
export const SESSION_ID = "session_0196831a20837ddbb05fd8f6d0c8f64a";

export const agent: Agent = {
  id: AGENT_ID,
  name: "sdk-notebook-1a2b3c4d",
  system_prompt: "Be brief.",
  harness_id: "harness_0196831a1f9c7a0f8a5c9ab3d7d0f999",
  status: "active",
  created_at: NOW,
  updated_at: NOW,
  ...urls(`agents/${AGENT_ID}`),
};

export const agentWithCounts: AgentWithCounts = { ...agent, session_count: 1, app_count: 0 };

export const session: Session = {
  id: SESSION_ID,
  organization_id: "org_0196831a1f9c7a0f8a5c9ab3d7d0f000",
  workspace_id: "workspace_0196831a1f9c7a0f8a5c9ab3d7d0f000",
  harness_id: agent.harness_id,
  owner_principal_id: "user",
  status: "idle",
  created_at: NOW,
  updated_at: NOW,
  ...urls(`sessions/${SESSION_ID}`),
};

export const message: SessionMessage = {
  id: "message_0196831a1f9c7a0f8a5c9ab3d7d0f301",
  session_id: SESSION_ID,
  sequence: 1,
  role: "user",
  content: [{ type: "text", text: "Hello" }],
  created_at: NOW,
};

export const harness: Harness = {
  id: "harness_0196831a1f9c7a0f8a5c9ab3d7d0f999",
  name: "generic",
  status: "active",
  created_at: NOW,
  updated_at: NOW,
  session_count: 0,
  app_count: 0,
  ...urls("harnesses/generic"),
};

export const model: Model = {
  id: "model_0196831a1f9c7a0f8a5c9ab3d7d0f111",
  provider_id: "provider_local",
  model_id: "simulated",
  display_name: "Simulated",
  capabilities: [],
  is_favorite: false,
  enabled: true,
  source: "predefined",
  provider_name: "Local",
  provider_type: "simulated",
  healthy: true,
  created_at: NOW,
  updated_at: NOW,
  ...urls("models/simulated"),
};

export const capability: Capability = {
  id: "current_time",
  name: "Current time",
  description: "Tells the time.",
  status: "active",
  ...urls("capabilities/current_time"),
};
