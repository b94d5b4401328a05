#!/usr/bin/env node
import { parseCliArgs, USAGE } from "./cli-options.js";
import { startDevServer } from "./start-dev-server.js";

// The `everruns-dev-server` command: starts the server, prints how to point a client at it,
// and shuts down cleanly on SIGINT/SIGTERM. The request log goes to stderr.
const request = parseCliArgs(process.argv.slice(2), process.env);
if (request.kind === "help") {
  process.stdout.write(`${USAGE}\n`);
} else if (request.kind === "error") {
  process.stderr.write(`everruns-dev-server: ${request.message}\n\n${USAGE}\n`);
  process.exitCode = 2;
} else {
  const log = request.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  try {
    const server = await startDevServer({ ...request.options, ...(log ? { log } : {}) });
    const apiKey = request.options.apiKey ?? "dev";
    // Printing the key is the point here: it is the local key the user chose (default "dev").
    process.stdout.write(
      [
        `Everruns dev server listening on ${server.url} (model: ${request.options.model ?? "simulated"})`,
        "",
        "Point a client at it:",
        `  export EVERRUNS_API_URL=${server.url}`,
        `  export EVERRUNS_API_KEY=${apiKey}`,
        "",
        "Open the console (the link signs in one browser tab, once):",
        `  ${server.consoleUrl}`,
        "",
      ].join("\n"),
    );
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`${signal}: stopping the dev server\n`);
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message =
      code === "EADDRINUSE"
        ? "the port is already in use; pick another with --port."
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`everruns-dev-server: ${message}\n`);
    process.exitCode = 1;
  }
}
