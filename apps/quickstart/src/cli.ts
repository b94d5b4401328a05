import { Everruns } from "@everruns/core";
import { type DevServer, startDevServer } from "@everruns/dev-server";
import { EXAMPLES, parseQuickstartArgs, type QuickstartArgs, USAGE, UsageError } from "./args.js";
import { ConfigurationError, type Connection, resolveConnection } from "./connection.js";
import { describeError } from "./describe-error.js";
import { runMemoriesExample } from "./examples/memories.js";
import { runWorkspacesExample } from "./examples/workspaces.js";
import { type QuickstartObserver, runQuickstart } from "./run-quickstart.js";
import { styleFor } from "./terminal-style.js";

/** Runs the quickstart; resolves with the process exit code (0 ok, 1 failure, 2 usage). */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const err = styleFor(process.stderr, env);
  let args: QuickstartArgs;
  try {
    args = parseQuickstartArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${err.red("error:")} ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.list) {
    for (const [name, summary] of Object.entries(EXAMPLES)) {
      process.stdout.write(`${name.padEnd(12)}${summary}\n`);
    }
    return 0;
  }
  let connection: Connection;
  try {
    connection = resolveConnection(args, env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${err.red("error:")} ${error.message}\n`);
    return 1;
  }

  const out = styleFor(process.stdout, env);
  const say = (line: string) => {
    if (!args.json) process.stdout.write(`${line}\n`);
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timeout")), args.timeoutMs);
  const onSignal = () => controller.abort(new Error("interrupted"));
  process.once("SIGINT", onSignal);
  let server: DevServer | undefined;
  let baseUrl = connection.kind === "remote" ? connection.baseUrl : "the embedded dev server";
  try {
    let client: Everruns;
    if (connection.kind === "embedded") {
      server = await startDevServer({ port: 0, db: ":memory:" });
      baseUrl = server.url;
      say(
        `${out.cyan("●")} Embedded Everruns dev server at ${out.bold(server.url)} ${out.dim("(simulated model, offline)")}`,
      );
      client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
    } else {
      client = new Everruns({ baseUrl: connection.baseUrl, apiKey: connection.apiKey });
    }
    if (args.example !== "notebook") {
      const context = {
        say,
        signal: controller.signal,
        suffix: Math.random().toString(16).slice(2, 8),
      };
      const run = args.example === "memories" ? runMemoriesExample : runWorkspacesExample;
      const outcome = await run(client, context);
      say("");
      process.stdout.write(`${JSON.stringify({ base_url: baseUrl, ...outcome }, null, 2)}\n`);
      return 0;
    }
    const observer: QuickstartObserver = {
      onAgent: (agent) =>
        say(`${out.cyan("✓")} Agent    ${out.bold(agent.name)} ${out.dim(agent.id)}`),
      onSession: (session) => say(`${out.cyan("✓")} Session  ${out.dim(session.id)}`),
      onQuestion: (text) => say(`\n${out.bold("›")} ${text}\n`),
      onDelta: (text) => {
        if (!args.json) process.stdout.write(text);
      },
    };
    const result = await runQuickstart(client, {
      message: args.message,
      signal: controller.signal,
      observer,
    });
    say("\n");
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    const timedOut =
      controller.signal.aborted && (controller.signal.reason as Error)?.message === "timeout";
    if (!args.json) process.stdout.write("\n");
    process.stderr.write(
      `${err.red("error:")} ${describeError(error, { baseUrl, timeoutMs: args.timeoutMs, timedOut })}\n`,
    );
    return 1;
  } finally {
    clearTimeout(timer);
    process.off("SIGINT", onSignal);
    await server?.close();
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
