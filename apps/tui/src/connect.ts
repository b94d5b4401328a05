import { Everruns } from "@everruns/core";
import { startDevServer } from "@everruns/dev-server";
import type { ServerInfo } from "./chat-controller.js";

/** A client, where it points, and how to let go of it. */
export interface Connection {
  readonly client: Everruns;
  readonly server: ServerInfo;
  /** Stops the embedded dev server, if one was started. */
  close(): Promise<void>;
}

/** Connection settings from flags; each falls back to its environment variable. */
export interface ConnectOptions {
  readonly url?: string | undefined;
  readonly key?: string | undefined;
  readonly org?: string | undefined;
}

/**
 * Connects like the quickstart: `--url` / `EVERRUNS_API_URL`, `--key` / `EVERRUNS_API_KEY`,
 * `--org` / `EVERRUNS_ORG_ID` (flags win). With neither a URL nor a key, starts the embedded
 * dev server in this process (ephemeral port, in-memory database, simulated model).
 */
export async function connect(
  options: ConnectOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Connection> {
  const url = nonEmpty(options.url) ?? nonEmpty(env.EVERRUNS_API_URL);
  const key = nonEmpty(options.key) ?? nonEmpty(env.EVERRUNS_API_KEY);
  const org = nonEmpty(options.org) ?? nonEmpty(env.EVERRUNS_ORG_ID);
  if (url === undefined && key === undefined) {
    const server = await startDevServer({ port: 0, db: ":memory:" });
    return {
      client: new Everruns({ baseUrl: server.url, apiKey: "dev", orgId: org }),
      server: { label: "local dev server", local: true },
      close: () => server.close(),
    };
  }
  const client = new Everruns({ baseUrl: url, apiKey: key, orgId: org });
  return {
    client,
    server: { label: new URL(client.baseUrl).host, local: false },
    close: async () => {},
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
