import { GENERIC_HARNESS } from "../../catalog/builtins.js";
import { reviewAgentDraft } from "../../domain/agent-review.js";
import { knownCapability } from "../../domain/capability-catalog.js";
import { composeSystemPrompt } from "../../domain/effective-config.js";
import { allowAll } from "../../domain/resource-policies.js";
import { toResourceStats } from "../../domain/resource-stats.js";
import type { OperationHandlers } from "../operation-types.js";
import { ApiProblem } from "../problem.js";
import { findAgent } from "./agents.js";

type AgentUtilityHandlers = Pick<
  OperationHandlers,
  "analyzeAgent" | "previewAgent" | "checkAgentName" | "getAgentConfig" | "getAgentStats"
>;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Agent utilities: review and preview a draft, check a name, policies, usage statistics. */
export const agentUtilityHandlers: AgentUtilityHandlers = {
  analyzeAgent({ c, server, body }) {
    return c.json({ findings: reviewAgentDraft(server.store, body) });
  },

  previewAgent({ c, server, body }) {
    const capabilities = (body.capabilities ?? []).flatMap((config) => {
      const found = knownCapability(server.store, config.ref);
      return found ? [found] : [];
    });
    const prompt = [
      composeSystemPrompt(server.store, GENERIC_HARNESS.id, body.system_prompt),
      ...capabilities.map((capability) => capability.system_prompt ?? ""),
    ]
      .filter((part) => part.trim() !== "")
      .join("\n\n");
    return c.json({
      system_prompt: prompt,
      tools: [
        ...capabilities.flatMap((capability) => capability.tool_definitions),
        ...(body.tools ?? []),
      ],
      findings: reviewAgentDraft(server.store, body),
    });
  },

  checkAgentName({ c, server, query }) {
    if (!SLUG.test(query.name) || query.name.length > 64) {
      throw new ApiProblem(
        400,
        "invalid_name",
        "A name is lowercase letters, digits and single dashes, at most 64 characters.",
      );
    }
    const holder = server.store.agents.getByName(query.name);
    return c.json({ available: !holder || holder.id === query.exclude_id });
  },

  getAgentConfig({ c }) {
    return c.json(
      allowAll(["create", "read", "update", "delete", "import", "export", "copy", "version"]),
    );
  },

  getAgentStats({ c, server, path }) {
    const agent = findAgent(server, path.agent_id);
    return c.json(toResourceStats(server.store.resourceStats.forAgent(agent.id)));
  },
};
