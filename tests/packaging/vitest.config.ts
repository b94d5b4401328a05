import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Packs every published package once; the tests share the tarballs.
    globalSetup: ["./src/internal/pack-tarballs.ts"],
    // npm install from the registry, tsc and typedoc runs take longer than unit tests.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
