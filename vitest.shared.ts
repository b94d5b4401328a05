import type { ViteUserConfig } from "vitest/config";

/**
 * Test settings every workspace package shares: the default console reporter for people,
 * and a JSON report in `.test-results/` that `scripts/test-totals.mjs` sums for CI.
 */
export const sharedTestConfig: NonNullable<ViteUserConfig["test"]> = {
  include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts", "test/**/*.test.tsx"],
  reporters: ["default", "json"],
  outputFile: { json: ".test-results/vitest.json" },
  typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
  testTimeout: 20_000,
  hookTimeout: 20_000,
};
