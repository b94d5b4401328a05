import type { GuardrailsDryRunRequest, GuardrailsDryRunResult } from "@everruns/core";
import { ApiProblem } from "../http/problem.js";

type Stage = GuardrailsDryRunRequest["stage"];
type Hit = GuardrailsDryRunResult["hits"][number];

/**
 * The dev server's guardrail configuration: `{ checks: [...] }`, each check one of
 * - `{ type: "blocklist", words: string[] }`: a word or phrase appears (case-insensitive);
 * - `{ type: "pattern", preset: "email" | "credit_card" | "api_key" }`: a built-in pattern
 *   matches (no user-supplied regular expressions: they could take unbounded time);
 * - `{ type: "max_length", max: number }`: the text is longer than `max` characters;
 * with optional `id`, `action` (`block`, the default, or `log`), `stages` (default: all),
 * `tools` (tool names, for the tool stages) and `replacement`.
 */
interface Check {
  id: string;
  type: "blocklist" | "pattern" | "max_length";
  action: "block" | "log";
  stages: Stage[] | undefined;
  tools: string[] | undefined;
  replacement: string | null;
  words: string[];
  preset: keyof typeof PRESETS | undefined;
  max: number;
}

const PRESETS = {
  email: /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/,
  credit_card: /\b(?:\d[ -]?){12,18}\d\b/,
  api_key:
    /\b(?:sk-[A-Za-z0-9_-]{16,}|evr_pat_[A-Za-z0-9_]{8,}|AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{20,})/,
} as const;

const STAGES: readonly Stage[] = ["output", "tool_use", "tool_output"];
const MAX_CHECKS = 100;
const MAX_WORDS = 1000;

/** Reads and checks a configuration; 400 `invalid_guardrail_config` says what is wrong. */
export function parseGuardrailConfig(config: Record<string, unknown>): Check[] {
  const fail = (detail: string): never => {
    throw new ApiProblem(400, "invalid_guardrail_config", detail);
  };
  const checks = config.checks;
  if (!Array.isArray(checks)) return fail("config.checks must be an array of checks.");
  if (checks.length > MAX_CHECKS) return fail(`At most ${MAX_CHECKS} checks.`);
  return checks.map((raw, index): Check => {
    const at = `config.checks[${index}]`;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      return fail(`${at} must be an object.`);
    }
    const check = raw as Record<string, unknown>;
    const type = check.type;
    if (type !== "blocklist" && type !== "pattern" && type !== "max_length") {
      return fail(`${at}.type must be blocklist, pattern or max_length.`);
    }
    const action = check.action ?? "block";
    if (action !== "block" && action !== "log") return fail(`${at}.action must be block or log.`);
    const stages = optionalStrings(check.stages, `${at}.stages`, fail);
    if (stages?.some((stage) => !STAGES.includes(stage as Stage))) {
      return fail(`${at}.stages may hold output, tool_use and tool_output.`);
    }
    const words =
      type === "blocklist" ? (optionalStrings(check.words, `${at}.words`, fail) ?? []) : [];
    if (type === "blocklist" && (words.length === 0 || words.length > MAX_WORDS)) {
      return fail(`${at}.words must hold 1 to ${MAX_WORDS} words.`);
    }
    const preset = check.preset;
    if (type === "pattern" && !(typeof preset === "string" && preset in PRESETS)) {
      return fail(`${at}.preset must be one of ${Object.keys(PRESETS).join(", ")}.`);
    }
    const max = check.max;
    if (type === "max_length" && !(Number.isInteger(max) && (max as number) >= 0)) {
      return fail(`${at}.max must be a non-negative integer.`);
    }
    const replacement = check.replacement ?? null;
    if (replacement !== null && typeof replacement !== "string") {
      return fail(`${at}.replacement must be a string.`);
    }
    return {
      id: typeof check.id === "string" && check.id !== "" ? check.id : `check-${index + 1}`,
      type,
      action,
      stages: stages as Stage[] | undefined,
      tools: optionalStrings(check.tools, `${at}.tools`, fail),
      replacement,
      words: words.filter((word) => word.trim() !== ""),
      preset: type === "pattern" ? (preset as keyof typeof PRESETS) : undefined,
      max: type === "max_length" ? (max as number) : 0,
    };
  });
}

/** Runs a configuration over one text at one stage. */
export function dryRunGuardrails(request: GuardrailsDryRunRequest): GuardrailsDryRunResult {
  const checks = parseGuardrailConfig(request.config);
  const hits: Hit[] = [];
  checks.forEach((check, index) => {
    if (check.stages && !check.stages.includes(request.stage)) return;
    if (check.tools && request.stage !== "output") {
      if (!request.tool_name || !check.tools.includes(request.tool_name)) return;
    }
    const found = evaluate(check, request.text);
    if (!found) return;
    hits.push({
      check_index: index,
      check_id: check.id,
      stage: request.stage,
      rule_type: check.type,
      action: check.action,
      reason_code: found.reason,
      matched: found.matched,
      replacement: check.replacement,
    });
  });
  return { hits, blocked: hits.some((hit) => hit.action === "block") };
}

function evaluate(check: Check, text: string): { reason: string; matched: string | null } | null {
  if (check.type === "max_length") {
    return text.length > check.max ? { reason: "too_long", matched: null } : null;
  }
  if (check.type === "blocklist") {
    const lower = text.toLowerCase();
    const word = check.words.find((entry) => lower.includes(entry.toLowerCase()));
    return word ? { reason: "blocked_term", matched: word } : null;
  }
  const preset = check.preset ?? "email";
  const match = PRESETS[preset].exec(text);
  if (!match) return null;
  // A credential is never echoed back, only its first characters.
  const matched = preset === "api_key" ? `${match[0].slice(0, 4)}…` : match[0];
  return { reason: `${preset}_detected`, matched };
}

function optionalStrings(
  value: unknown,
  field: string,
  fail: (detail: string) => never,
): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string")) {
    return fail(`${field} must be an array of strings.`);
  }
  return value as string[];
}
