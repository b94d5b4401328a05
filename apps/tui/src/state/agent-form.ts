import type { PickerOption } from "../chat-controller.js";

/** The system prompt of an agent made with an empty prompt field. */
export const DEFAULT_AGENT_PROMPT = "You are a helpful assistant. Answer concisely, in markdown.";

/** Longest agent name the API accepts. */
export const MAX_AGENT_NAME = 64;

const AGENT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The steps of `/agents new`, in order. */
export const AGENT_FORM_STEPS = ["name", "prompt", "model", "capabilities"] as const;

/** One step of `/agents new`. */
export type AgentFormStep = (typeof AGENT_FORM_STEPS)[number];

/** What `/agents new` collected: everything the controller needs to create the agent. */
export interface AgentDraft {
  readonly name: string;
  readonly prompt: string;
  /** A model id of the server; undefined for the server's default. */
  readonly modelId: string | undefined;
  /** Capability ids, in the order of the server's list. */
  readonly capabilities: readonly string[];
}

/** The `/agents new` form: four steps, one shown at a time. */
export interface AgentFormState {
  readonly step: AgentFormStep;
  readonly name: string;
  readonly prompt: string;
  /** The server's models; the form offers "server default" before them. */
  readonly models: readonly PickerOption[];
  /** 0 is the server's default, `n` is `models[n - 1]`. */
  readonly model: number;
  readonly capabilities: readonly PickerOption[];
  /** The highlighted capability. */
  readonly cursor: number;
  /** Ids of the capabilities checked. */
  readonly checked: readonly string[];
  /** Why Enter did not move on (a bad name). */
  readonly error: string | undefined;
  /** Set once Enter on the last step accepted everything. */
  readonly done: AgentDraft | undefined;
}

/** What a key does in the form. */
export type AgentFormAction =
  | { readonly type: "input"; readonly text: string }
  | { readonly type: "backspace" }
  | { readonly type: "up" }
  | { readonly type: "down" }
  | { readonly type: "toggle" }
  | { readonly type: "next" }
  | { readonly type: "back" };

/** A fresh form; with a valid `name` it starts at the prompt. */
export function initialAgentForm(
  models: readonly PickerOption[],
  capabilities: readonly PickerOption[],
  name = "",
): AgentFormState {
  const typed = asName(name);
  return {
    step: typed !== "" && nameProblem(typed) === undefined ? "prompt" : "name",
    name: typed,
    prompt: "",
    models,
    model: 0,
    capabilities,
    cursor: 0,
    checked: [],
    error: undefined,
    done: undefined,
  };
}

/** Applies one key to the form. */
export function agentFormReducer(state: AgentFormState, action: AgentFormAction): AgentFormState {
  if (state.done) return state;
  const cleared = state.error === undefined ? state : { ...state, error: undefined };
  switch (action.type) {
    case "input":
      if (state.step === "name") {
        return { ...cleared, name: asName(state.name + action.text).slice(0, MAX_AGENT_NAME) };
      }
      if (state.step === "prompt") return { ...cleared, prompt: state.prompt + action.text };
      if (state.step === "capabilities" && action.text === " ") return toggle(cleared);
      return cleared;
    case "backspace":
      if (state.step === "name") return { ...cleared, name: [...state.name].slice(0, -1).join("") };
      if (state.step === "prompt") {
        return { ...cleared, prompt: [...state.prompt].slice(0, -1).join("") };
      }
      return cleared;
    case "up":
    case "down": {
      const delta = action.type === "up" ? -1 : 1;
      if (state.step === "model") {
        const count = state.models.length + 1;
        return { ...cleared, model: (state.model + delta + count) % count };
      }
      if (state.step === "capabilities" && state.capabilities.length > 0) {
        const count = state.capabilities.length;
        return { ...cleared, cursor: (state.cursor + delta + count) % count };
      }
      return cleared;
    }
    case "toggle":
      return state.step === "capabilities" ? toggle(cleared) : cleared;
    case "back": {
      const index = AGENT_FORM_STEPS.indexOf(state.step);
      return { ...cleared, step: AGENT_FORM_STEPS[Math.max(0, index - 1)] ?? "name" };
    }
    case "next": {
      if (state.step === "name") {
        const problem = nameProblem(state.name);
        return problem ? { ...state, error: problem } : { ...cleared, step: "prompt" };
      }
      if (state.step === "prompt") return { ...cleared, step: "model" };
      if (state.step === "model") return { ...cleared, step: "capabilities" };
      return { ...cleared, done: agentDraft(cleared) };
    }
  }
}

/** The draft the form holds now (empty prompt: the default one). */
export function agentDraft(state: AgentFormState): AgentDraft {
  return {
    name: state.name,
    prompt: state.prompt.trim() === "" ? DEFAULT_AGENT_PROMPT : state.prompt,
    modelId: state.model === 0 ? undefined : state.models[state.model - 1]?.id,
    // The server's order, not the order of the clicks: the same choice gives the same agent.
    capabilities: state.capabilities
      .filter((option) => state.checked.includes(option.id))
      .map((option) => option.id),
  };
}

/** Why a name is refused, or undefined when the API will take it. */
export function nameProblem(name: string): string | undefined {
  if (name === "") return "Type a name for the agent.";
  if (!AGENT_NAME.test(name)) {
    return "A name is lowercase letters and digits, with single dashes between words.";
  }
  return undefined;
}

// Typing `Research Bot` gives `research-bot`: the form shapes the name as the API wants it.
function asName(text: string): string {
  return text.toLowerCase().replace(/[\s_]/g, "-");
}

function toggle(state: AgentFormState): AgentFormState {
  const option = state.capabilities[state.cursor];
  if (!option) return state;
  const checked = state.checked.includes(option.id)
    ? state.checked.filter((id) => id !== option.id)
    : [...state.checked, option.id];
  return { ...state, checked };
}
