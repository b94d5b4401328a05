import type { GuardrailExample } from "@everruns/core";

/** The dev server's ready-made guardrail configurations (see `domain/guardrails.ts`). */
export const GUARDRAIL_EXAMPLES: readonly GuardrailExample[] = [
  {
    name: "no-personal-data",
    display_name: "No personal data in replies",
    description: "Blocks replies that contain an email address or a card number.",
    tags: ["privacy"],
    check_types: ["pattern"],
    stages: ["output"],
    data_egress: "none",
    config: {
      checks: [
        {
          id: "email",
          type: "pattern",
          preset: "email",
          stages: ["output"],
          replacement: "[email]",
        },
        { id: "card", type: "pattern", preset: "credit_card", stages: ["output"] },
      ],
    },
  },
  {
    name: "no-leaked-credentials",
    display_name: "No leaked credentials",
    description: "Blocks tool calls and replies that carry an API key.",
    tags: ["security"],
    check_types: ["pattern"],
    stages: ["output", "tool_use"],
    data_egress: "none",
    config: { checks: [{ id: "api-key", type: "pattern", preset: "api_key" }] },
  },
  {
    name: "log-long-replies",
    display_name: "Log long replies",
    description: "Logs, without blocking, replies longer than 4000 characters.",
    tags: ["cost"],
    check_types: ["max_length"],
    stages: ["output"],
    data_egress: "none",
    config: {
      checks: [{ id: "long", type: "max_length", max: 4000, action: "log", stages: ["output"] }],
    },
  },
];
