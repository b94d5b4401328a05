import { parseArgs } from "node:util";
import type { DevServerOptions } from "./start-dev-server.js";

/** Usage text of `everruns-dev-server --help`. */
export const USAGE = `Usage: everruns-dev-server [options]

A local Everruns-compatible API server (SQLite + a simulated or OpenAI-compatible model).

Options:
  --host <host>           Interface to listen on (default 127.0.0.1)
  --port <port>           Port (default 9000; 0 picks a free one)
  --db <file>             SQLite file, or :memory: (default .everruns-dev/everruns.sqlite)
  --api-key <key>         Key clients must send (default dev)
  --model <name>          simulated | openai (default simulated)
  --openai-model <name>   Model for --model openai (default $OPENAI_MODEL or gpt-4o-mini)
  --sim-delay-ms <ms>     Pause between simulated deltas (default 20)
  --delta-interval-ms <ms>  Batch output deltas at most this often (default 100; 0: every chunk)
  --heartbeat-ms <ms>     SSE heartbeat interval (default 30000)
  --cycle-ms <ms>         SSE connection lifetime before "disconnecting" (default 300000)
  --max-streams <n>       SSE connections open at once on the server (default 512)
  --max-session-streams <n>  SSE connections open at once on one session (default 32)
  --cors <origin>         Allow a browser origin (repeat for several)
  --allowed-host <name>   Also answer this Host name (repeat; .example.com for subdomains;
                          "all" for any); loopback names and IPs are always answered
  --quiet                 No request log
  -h, --help              Show this help

Environment: OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL (for --model openai).`;

/** What the command line asks for. */
export type CliRequest =
  | { kind: "help" }
  | { kind: "error"; message: string }
  | { kind: "start"; options: DevServerOptions; quiet: boolean };

/** Parses the CLI's arguments; `env` supplies the OpenAI settings. */
export function parseCliArgs(args: string[], env: NodeJS.ProcessEnv): CliRequest {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(args).values;
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: "help" };
  const numbers: Record<string, number | undefined> = {};
  for (const name of [
    "port",
    "sim-delay-ms",
    "delta-interval-ms",
    "heartbeat-ms",
    "cycle-ms",
    "max-streams",
    "max-session-streams",
  ] as const) {
    const raw = values[name];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || (name === "port" && value > 65535)) {
      return { kind: "error", message: `--${name} must be a non-negative integer, got "${raw}".` };
    }
    if (name.startsWith("max-") && value < 1) {
      return { kind: "error", message: `--${name} must be at least 1, got "${raw}".` };
    }
    numbers[name] = value;
  }
  const model = values.model ?? "simulated";
  if (model !== "simulated" && model !== "openai") {
    return { kind: "error", message: `--model must be simulated or openai, got "${model}".` };
  }
  const options: DevServerOptions = { model };
  if (values.host !== undefined) options.host = values.host;
  if (values.db !== undefined) options.db = values.db;
  if (values["api-key"] !== undefined) options.apiKey = values["api-key"];
  if (numbers.port !== undefined) options.port = numbers.port;
  if (numbers["sim-delay-ms"] !== undefined) options.simDelayMs = numbers["sim-delay-ms"];
  if (numbers["delta-interval-ms"] !== undefined)
    options.deltaIntervalMs = numbers["delta-interval-ms"];
  if (numbers["heartbeat-ms"] !== undefined) options.heartbeatMs = numbers["heartbeat-ms"];
  if (numbers["cycle-ms"] !== undefined) options.connectionCycleMs = numbers["cycle-ms"];
  if (numbers["max-streams"] !== undefined || numbers["max-session-streams"] !== undefined) {
    options.sse = {
      ...(numbers["max-streams"] !== undefined ? { total: numbers["max-streams"] } : {}),
      ...(numbers["max-session-streams"] !== undefined
        ? { perSession: numbers["max-session-streams"] }
        : {}),
    };
  }
  if (values.cors !== undefined) options.cors = values.cors;
  const hosts = values["allowed-host"];
  if (hosts !== undefined) options.allowedHosts = hosts.includes("all") ? true : hosts;
  if (model === "openai") {
    const apiKey = env.OPENAI_API_KEY;
    options.openai = {
      baseUrl: env.OPENAI_BASE_URL || "https://api.openai.com/v1",
      model: values["openai-model"] ?? (env.OPENAI_MODEL || "gpt-4o-mini"),
      ...(apiKey ? { apiKey } : {}),
    };
  }
  return { kind: "start", options, quiet: values.quiet === true };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      db: { type: "string" },
      "api-key": { type: "string" },
      model: { type: "string" },
      "openai-model": { type: "string" },
      "sim-delay-ms": { type: "string" },
      "delta-interval-ms": { type: "string" },
      "heartbeat-ms": { type: "string" },
      "cycle-ms": { type: "string" },
      "max-streams": { type: "string" },
      "max-session-streams": { type: "string" },
      cors: { type: "string", multiple: true },
      "allowed-host": { type: "string", multiple: true },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
