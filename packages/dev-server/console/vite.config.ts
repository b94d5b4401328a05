import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Builds the dev console into the package's dist/console-app, which the dev server serves at
// /console. JSX goes through esbuild's automatic runtime, so no React plugin is needed.
// @everruns/streaming is bundled from its source: the streaming package's tests depend on the
// dev server, so a package dependency the other way would make a build cycle.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/console/",
  logLevel: "warn",
  esbuild: { jsx: "automatic" },
  resolve: {
    alias: {
      "@everruns/streaming": fileURLToPath(
        new URL("../../streaming/src/index.ts", import.meta.url),
      ),
    },
  },
  build: {
    outDir: fileURLToPath(new URL("../dist/console-app", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // The polyfill would be an inline script, which the page's Content-Security-Policy refuses.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 600,
  },
});
