import { describe, expect, it } from "vitest";
import {
  type AgentFormAction,
  type AgentFormState,
  agentFormReducer,
  DEFAULT_AGENT_PROMPT,
  initialAgentForm,
  MAX_AGENT_NAME,
  nameProblem,
} from "./agent-form.js";

const models = [
  { id: "model_a", label: "Model A" },
  { id: "model_b", label: "Model B" },
];
const capabilities = [
  { id: "current_time", label: "Current time" },
  { id: "web_fetch", label: "Web fetch" },
  { id: "memory", label: "Memory" },
];
const run = (state: AgentFormState, ...actions: AgentFormAction[]) =>
  actions.reduce(agentFormReducer, state);
const typed = (text: string): AgentFormAction => ({ type: "input", text });
const NEXT: AgentFormAction = { type: "next" };

describe("the /agents new form", () => {
  it("walks name, prompt, model and capabilities, and ends with the draft", () => {
    const state = run(
      initialAgentForm(models, capabilities),
      typed("scout"),
      NEXT,
      typed("Find things."),
      NEXT,
      { type: "down" },
      NEXT,
      { type: "down" },
      { type: "down" },
      { type: "toggle" },
      { type: "up" },
      { type: "up" },
      typed(" "),
      NEXT,
    );
    expect(state.done).toEqual({
      name: "scout",
      prompt: "Find things.",
      modelId: "model_a",
      // The server's order, whatever the order of the clicks.
      capabilities: ["current_time", "memory"],
    });
  });

  it("shapes a typed name as the API wants it and refuses one it would not take", () => {
    expect(run(initialAgentForm([], []), typed("My Bot_2")).name).toBe("my-bot-2");
    const bad = run(initialAgentForm([], []), typed("-bot"), NEXT);
    expect(bad.step).toBe("name");
    expect(bad.error).toMatch(/single dashes/);
    expect(run(bad, { type: "backspace" }).error).toBeUndefined();
    expect(run(initialAgentForm([], []), NEXT).error).toBe("Type a name for the agent.");
    expect(run(initialAgentForm([], []), typed("a".repeat(80))).name).toHaveLength(MAX_AGENT_NAME);
    expect(nameProblem("ok-name-2")).toBeUndefined();
    expect(nameProblem("two--dashes")).toBeDefined();
  });

  it("starts at the prompt when /agents new came with a valid name, and at the name otherwise", () => {
    expect(initialAgentForm(models, capabilities, "scout").step).toBe("prompt");
    expect(initialAgentForm(models, capabilities, "Bad Name!").step).toBe("name");
  });

  it("uses the default prompt and the server's model when both are left alone", () => {
    const state = run(initialAgentForm(models, []), typed("plain"), NEXT, NEXT, NEXT, NEXT);
    expect(state.done).toEqual({
      name: "plain",
      prompt: DEFAULT_AGENT_PROMPT,
      modelId: undefined,
      capabilities: [],
    });
  });

  it("goes back a step with back, wraps around lists, and ignores keys once done", () => {
    const atModel = run(initialAgentForm(models, []), typed("x"), NEXT, NEXT);
    expect(atModel.step).toBe("model");
    expect(run(atModel, { type: "up" }).model).toBe(2);
    expect(run(atModel, { type: "back" }).step).toBe("prompt");
    const done = run(atModel, NEXT, NEXT);
    expect(run(done, typed("more"), { type: "back" })).toBe(done);
  });
});
