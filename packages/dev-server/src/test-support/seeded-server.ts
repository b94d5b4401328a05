import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DevServer } from "../start-dev-server.js";
import { Store } from "../store/store.js";
import { type ApiClient, apiClient, createSession, startTestServer } from "./test-server.js";

/** A dev server over a database that a test filled directly, and how to remove it. */
export interface SeededServer {
  server: DevServer;
  api: ApiClient;
  /** The sessions created through the API before seeding, in order. */
  sessionIds: string[];
  /** Stops the server and deletes its database folder. */
  close(): Promise<void>;
}

/**
 * Creates `sessions` sessions through the API on a fresh database file, stops that server,
 * lets `seed` write straight into the store (what a long-lived session accumulates, far faster
 * than through turns), then serves the file again: the server reads it as it would after a
 * restart.
 */
export async function startSeededServer(
  sessions: number,
  seed: (store: Store, sessionIds: readonly string[]) => void,
): Promise<SeededServer> {
  const folder = mkdtempSync(join(tmpdir(), "everruns-seeded-"));
  const db = join(folder, "dev.sqlite");
  const first = await startTestServer({ db });
  const sessionIds: string[] = [];
  for (let n = 0; n < sessions; n++) sessionIds.push(await createSession(apiClient(first)));
  await first.close();
  const store = new Store(db);
  try {
    seed(store, sessionIds);
  } finally {
    store.close();
  }
  const server = await startTestServer({ db });
  return {
    server,
    api: apiClient(server),
    sessionIds,
    async close() {
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
