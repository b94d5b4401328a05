import type { Finding, PreviewAgentRequest } from "@everruns/core";
import type { Store } from "../store/store.js";
import { knownCapability } from "./capability-catalog.js";

/** Prompts shorter than this get a suggestion to say more. */
const SHORT_PROMPT = 40;
/** Prompts longer than this get a note about their token cost. */
const LONG_PROMPT = 8000;
/** Strings that look like credentials; a prompt is no place for them. */
const SECRET_LIKE =
  /\b(?:sk-[A-Za-z0-9_-]{16,}|evr_pat_[A-Za-z0-9_]{8,}|AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{20,})/;

/**
 * The built-in review rules over an agent draft: deterministic checks of its prompt, tools and
 * capabilities. Findings never quote a secret they spot, only where it is.
 */
export function reviewAgentDraft(store: Store, draft: PreviewAgentRequest): Finding[] {
  const findings: Finding[] = [];
  const add = (finding: Omit<Finding, "source">) =>
    findings.push({ ...finding, source: "builtin" });
  const prompt = draft.system_prompt;
  if (prompt.trim() === "") {
    add({
      rule_id: "prompt.empty",
      severity: "warning",
      category: "completeness",
      message: "The system prompt is empty: the agent gets no instructions.",
      fix: "Describe the agent's role, audience and limits.",
      location: { field: "system_prompt" },
    });
  } else if (prompt.trim().length < SHORT_PROMPT) {
    add({
      rule_id: "prompt.short",
      severity: "suggestion",
      category: "completeness",
      message: `The system prompt has fewer than ${SHORT_PROMPT} characters.`,
      fix: "Say what the agent is for and how it should answer.",
      location: { field: "system_prompt" },
    });
  }
  if (prompt.length > LONG_PROMPT) {
    add({
      rule_id: "prompt.long",
      severity: "info",
      category: "cost",
      message: `The system prompt has ${prompt.length} characters; every turn pays for them.`,
      location: { field: "system_prompt" },
    });
  }
  const secret = SECRET_LIKE.exec(prompt);
  if (secret) {
    add({
      rule_id: "prompt.secret",
      severity: "warning",
      category: "safety",
      message: "The system prompt contains what looks like a credential.",
      fix: "Remove it; give tools their credentials through secrets instead.",
      location: {
        field: "system_prompt",
        start: secret.index,
        end: secret.index + secret[0].length,
      },
    });
  }
  const seenCapabilities = new Set<string>();
  (draft.capabilities ?? []).forEach((capability, index) => {
    const field = `capabilities[${index}]`;
    if (seenCapabilities.has(capability.ref)) {
      add({
        rule_id: "capability.duplicate",
        severity: "info",
        category: "structure",
        message: `Capability "${capability.ref}" is listed more than once.`,
        location: { field },
      });
    }
    seenCapabilities.add(capability.ref);
    if (!knownCapability(store, capability.ref)) {
      add({
        rule_id: "capability.unknown",
        severity: "warning",
        category: "structure",
        message: `No capability "${capability.ref}" exists.`,
        location: { field },
      });
    }
  });
  const seenTools = new Set<string>();
  (draft.tools ?? []).forEach((tool, index) => {
    const field = `tools[${index}]`;
    const name = typeof tool.name === "string" ? tool.name : "";
    if (name === "") {
      add({
        rule_id: "tool.no_name",
        severity: "warning",
        category: "structure",
        message: "A tool has no name.",
        location: { field },
      });
    } else if (seenTools.has(name)) {
      add({
        rule_id: "tool.duplicate_name",
        severity: "warning",
        category: "structure",
        message: `Two tools are named "${name}"; the model cannot tell them apart.`,
        location: { field },
      });
    }
    seenTools.add(name);
    if (typeof tool.description !== "string" || tool.description.trim() === "") {
      add({
        rule_id: "tool.no_description",
        severity: "suggestion",
        category: "effectiveness",
        message: `Tool "${name || index}" has no description; the model guesses when to call it.`,
        location: { field },
      });
    }
  });
  return findings;
}
