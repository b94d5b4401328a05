import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { ConsoleAssets } from "./console/console-assets.js";
import { ConsoleToken } from "./console/console-token.js";
import { EventBus } from "./engine/event-bus.js";
import { TurnEngine } from "./engine/turn-engine.js";
import { createApp } from "./http/app.js";
import { RequestValidator } from "./http/request-validator.js";
import { SseLimits } from "./http/sse-limits.js";
import { DEFAULT_MAX_QUEUED_BYTES } from "./http/sse-stream.js";
import type { ChatModel } from "./models/chat-model.js";
import { OpenAIModel } from "./models/openai-model.js";
import { SimulatedModel } from "./models/simulated-model.js";
import { Store } from "./store/store.js";

/** Options of {@link startDevServer}. */
export interface DevServerOptions {
  /** Interface to listen on. Default `"127.0.0.1"` (local only). */
  host?: string;
  /** Port; `0` picks a free one. Default `9000`. */
  port?: number;
  /** `":memory:"` or a SQLite file path. Default `.everruns-dev/everruns.sqlite` under the working directory. */
  db?: string;
  /** The API key clients must send in `Authorization`. Default `"dev"`. */
  apiKey?: string;
  /** `"simulated"` (offline, deterministic) or `"openai"` (an OpenAI-compatible endpoint). Default `"simulated"`. */
  model?: "simulated" | "openai";
  /** Pause between simulated deltas, in ms. Default `20`; `0` for tests. */
  simDelayMs?: number;
  /**
   * Output deltas are batched into one `output.message.delta` at most this often, in ms, as
   * the hosted API does. Default `100`; `0` sends every model chunk as its own event.
   */
  deltaIntervalMs?: number;
  /** Interval of SSE `: heartbeat` comments, in ms. Default `30_000`. */
  heartbeatMs?: number;
  /** How long an SSE connection lives before `disconnecting`, in ms. Default `300_000`. */
  connectionCycleMs?: number;
  /**
   * Bounds on SSE connections: at most `perSession` open on one session (default 32) and
   * `total` on the server (default 512), each with at most `maxQueuedBytes` unread (default
   * 1 MiB) before its socket is closed; the client resumes with `since_id`.
   */
  sse?: { perSession?: number; total?: number; maxQueuedBytes?: number };
  /**
   * `Host` names answered besides IP literals, `localhost`, `*.localhost` and `host` (a leading
   * `.` allows subdomains too); `true` answers any (only behind a proxy you trust). Other
   * hosts get 403 `host_not_allowed`, which stops DNS-rebinding pages. Default none.
   */
  allowedHosts?: string[] | true;
  /** Browser origins allowed by CORS. Default none. */
  cors?: string[];
  /**
   * The endpoint of model `"openai"`. Default from the environment: `OPENAI_BASE_URL` (else
   * `https://api.openai.com/v1`), `OPENAI_API_KEY`, `OPENAI_MODEL` (else `gpt-4o-mini`).
   */
  openai?: { baseUrl: string; apiKey?: string; model: string };
  /** Request log sink (one line per request, never a token). Default: no log. */
  log?: (line: string) => void;
}

/** A running dev server. */
export interface DevServer {
  /** Base URL for `new Everruns({ baseUrl })`, e.g. `http://127.0.0.1:9000`. */
  readonly url: string;
  /** The port it listens on (the chosen one when started with port 0). */
  readonly port: number;
  /**
   * The dev console's address with a one-time token (`<url>/console?token=...`): the first
   * browser to open it is signed in; after that the console asks for the API key.
   */
  readonly consoleUrl: string;
  /** Stops the server: running turns stop (a restart marks them `server_restarted`), connections close, the database closes. */
  close(): Promise<void>;
}

/** Default database file, relative to the working directory. */
export const DEFAULT_DB_PATH = ".everruns-dev/everruns.sqlite";

/**
 * Starts a local Everruns-compatible API server: the API of our OpenAPI spec under `/v1` and
 * `/api/v1`, stored in SQLite, with a simulated or OpenAI-compatible model.
 *
 * ```ts
 * const server = await startDevServer({ port: 0, db: ":memory:" });
 * const client = new Everruns({ baseUrl: server.url, apiKey: "dev" });
 * ```
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const host = options.host ?? "127.0.0.1";
  const dbPath = options.db ?? resolve(process.cwd(), DEFAULT_DB_PATH);
  const modelKind = options.model ?? "simulated";
  const log = options.log;
  const model = createModel(modelKind, options);
  const store = new Store(dbPath);
  const bus = new EventBus();
  const engine = new TurnEngine({
    store,
    bus,
    model,
    log: log ?? (() => {}),
    ...(options.deltaIntervalMs !== undefined ? { deltaIntervalMs: options.deltaIntervalMs } : {}),
  });
  engine.recover();
  const consoleToken = new ConsoleToken();

  const app = createApp(
    {
      store,
      engine,
      bus,
      validator: new RequestValidator(),
      sseLimits: new SseLimits({ perSession: options.sse?.perSession, total: options.sse?.total }),
      console: { assets: new ConsoleAssets(), token: consoleToken },
      settings: {
        apiKey: options.apiKey ?? "dev",
        heartbeatMs: positive(options.heartbeatMs, 30_000),
        connectionCycleMs: positive(options.connectionCycleMs, 300_000),
        sseMaxQueuedBytes: positive(options.sse?.maxQueuedBytes, DEFAULT_MAX_QUEUED_BYTES),
        model: { kind: modelKind, name: model.name },
        cors: options.cors ?? [],
        host,
        allowedHosts: options.allowedHosts ?? [],
      },
    },
    log,
  );
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 9000, host, () => {
        server.off("error", reject);
        resolveListen();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const url = `http://${urlHost(host)}:${port}`;
  return {
    url,
    port,
    consoleUrl: `${url}/console?token=${consoleToken.value}`,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        await engine.close();
        bus.closeAll();
        if ("closeAllConnections" in server) server.closeAllConnections();
        await stopped;
        store.close();
      })();
      return closing;
    },
  };
}

function createModel(kind: "simulated" | "openai", options: DevServerOptions): ChatModel {
  if (kind === "simulated") return new SimulatedModel({ delayMs: options.simDelayMs ?? 20 });
  const openai = options.openai ?? {
    baseUrl: process.env.OPENAI_BASE_URL || "https://api.openai.com/v1",
    apiKey: process.env.OPENAI_API_KEY,
    model: process.env.OPENAI_MODEL || "gpt-4o-mini",
  };
  return new OpenAIModel(openai);
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

// A URL clients can connect to: wildcard addresses become loopback, IPv6 gets brackets.
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
