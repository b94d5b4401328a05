import type { HarnessExample } from "@everruns/core";

/** A harness example with the settings `importHarness` copies. */
export interface HarnessExampleDefinition extends HarnessExample {
  system_prompt: string;
}

/** The built-in harness examples of the dev server. */
export const HARNESS_EXAMPLES: readonly HarnessExampleDefinition[] = [
  {
    name: "concise-helper",
    display_name: "Concise helper",
    description: "Answers in as few words as will do.",
    tags: ["starter"],
    capabilities: [],
    parent_name: "generic",
    dev_only: false,
    system_prompt: "Answer in at most three sentences. Prefer lists to paragraphs.",
  },
  {
    name: "time-aware",
    display_name: "Time-aware assistant",
    description: "Knows the current time through the `current_time` capability.",
    tags: ["starter", "tools"],
    capabilities: [{ ref: "current_time" }],
    parent_name: "generic",
    dev_only: false,
    system_prompt: "When a question depends on the date or time, call current_time first.",
  },
  {
    name: "dev-echo",
    display_name: "Echo (development)",
    description: "Repeats the question back; handy for testing clients.",
    tags: ["testing"],
    capabilities: [],
    parent_name: null,
    dev_only: true,
    system_prompt: "Repeat the user's message back to them, word for word.",
  },
];
