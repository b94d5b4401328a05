import { defineConfig } from "vitest/config";

// `pnpm screenshots`: regenerates the dev console's screenshots in packages/dev-server/docs.
// Kept out of `pnpm test`, which must not write to the source tree.
export default defineConfig({
  test: {
    include: ["src/**/*.screenshots.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
