import { Everruns } from "@everruns/core";
import { startDevServer } from "@everruns/dev-server";
import type { ServerInfo } from "./chat-controller.js";
import { embeddedDbPath } from "./data-dir.js";

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
  /** Keep the embedded dev server's database in memory instead of the data directory. */
  readonly ephemeral?: boolean | undefined;
}

/**
 * Connects like the quickstart: `--url` / `EVERRUNS_API_URL`, `--key` / `EVERRUNS_API_KEY`,
 * `--org` / `EVERRUNS_ORG_ID` (flags win). With neither a URL nor a key, starts the embedded
 * dev server in this process (ephemeral port, simulated model), its database in the user's
 * data directory (see `dataDir`, which reads `XDG_DATA_HOME`) or, with `ephemeral`, in memory.
 */
export async function connect(
  options: ConnectOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Connection> {
  const url = nonEmpty(options.url) ?? nonEmpty(env.EVERRUNS_API_URL);
  const key = nonEmpty(options.key) ?? nonEmpty(env.EVERRUNS_API_KEY);
  const org = nonEmpty(options.org) ?? nonEmpty(env.EVERRUNS_ORG_ID);
  if (url === undefined && key === undefined) {
    const db = options.ephemeral ? ":memory:" : embeddedDbPath(env);
    const server = await startDevServer({ port: 0, db });
    return {
      client: new Everruns({ baseUrl: server.url, apiKey: "dev", orgId: org }),
      server: {
        label: "local dev server",
        local: true,
        ...(db === ":memory:" ? { ephemeral: true } : { dataFile: db }),
      },
      close: () => server.close(),
    };
  }
  const client = new Everruns({ baseUrl: url, apiKey: key, orgId: org });
  return {
    client,
    server: { label: new URL(client.baseUrl).host, local: false, url: client.baseUrl },
    close: async () => {},
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
