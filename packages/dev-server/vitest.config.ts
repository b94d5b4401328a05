import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

// The console's own unit tests (pure functions and components) run here too; its JSX uses
// React's automatic runtime, as in the Vite build.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  test: {
    ...sharedTestConfig,
    include: [
      ...(sharedTestConfig.include ?? []),
      "console/src/**/*.test.ts",
      "console/src/**/*.test.tsx",
    ],
  },
});
