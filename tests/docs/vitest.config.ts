import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // tsc over every snippet, then one Node process per snippet, each running turns.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
