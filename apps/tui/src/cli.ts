/**
 * Entry point of `everruns-tui`. Reads `NO_COLOR`, `EVERRUNS_API_URL`, `EVERRUNS_API_KEY`
 * and `EVERRUNS_ORG_ID`; see `main.ts`.
 */

// Colors are decided when chalk loads: honour NO_COLOR (https://no-color.org) before any
// module that imports it, hence the dynamic import below.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = "0";

// A reader that stops early (`everruns-tui -p ... | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const { main } = await import("./main.js");
const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
// Let buffered output drain, then end even if a keep-alive socket lingers.
await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
process.exit(code);
