import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type DevServerProcess, spawnDevServer } from "./internal/dev-server-process.js";

// 100 SSE clients that read the response head and then never read again, on 4 sessions
// (under the per-session limit of 32), while each session streams about 12 MB of deltas
// (three [simulate:long] turns; the database is a file, so stored events are not RSS). Each
// stalled client may hold at most 1 MiB queued on the server before its socket is destroyed.
const READERS = 100;
const SESSIONS = 4;
const TURNS = 3;
/** Bound on the server's RSS growth: 100 x 1 MiB of queues, plus the turns' own working set. */
const RSS_GROWTH_BOUND_MB = 200;

let server: DevServerProcess | undefined;
const sockets: Socket[] = [];
const folder = mkdtempSync(join(tmpdir(), "everruns-slow-readers-"));
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  server?.child.kill("SIGKILL");
  await server?.exited;
  rmSync(folder, { recursive: true, force: true });
});

const auth = { authorization: "dev", "content-type": "application/json" };

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

function stalledReader(port: number, sessionId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    sockets.push(socket);
    socket.once("error", () => {});
    socket.write(
      `GET /v1/sessions/${sessionId}/sse HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: dev\r\n\r\n`,
    );
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString("latin1"))?.[1]));
    });
    socket.once("close", () => reject(new Error("closed before answering")));
  });
}

// Hostile requests of issue 16, sent while the server is under load: each must get its 4xx.
async function hostileRequests(url: string, port: number, sessionId: string): Promise<number[]> {
  const deep = `{"hints":{"x":${"[".repeat(5_000)}${"]".repeat(5_000)}}}`;
  const statuses = await Promise.all([
    fetch(`${url}/v1/sessions`, { method: "POST", headers: auth, body: deep }).then(
      (r) => r.status,
    ),
    fetch(`${url}/v1/sessions/${sessionId}/events?from_ts=2016-12-31T23:59:60Z`, {
      headers: auth,
    }).then((r) => r.status),
    fetch(`${url}/v1/sessions?limit=0x10`, { headers: auth }).then((r) => r.status),
    fetch(`${url}/v1/sessions/${sessionId}/events?limit=1e2`, { headers: auth }).then(
      (r) => r.status,
    ),
  ]);
  // A DNS-rebinding page: the Host names the attacker's domain.
  const rebound = await new Promise<number>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("error", reject);
    socket.write(
      `POST /v1/sessions HTTP/1.1\r\nHost: rebind.attacker.example:${port}\r\nAuthorization: dev\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    socket.once("data", (chunk: Buffer) => {
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString("latin1"))?.[1]));
      socket.destroy();
    });
  });
  return [...statuses, rebound];
}

// Whole-session reads of issue 16 (a `q=` search reads every stored event; the messages list
// answers every message), sent while the server is under load: each answers, none stalls it.
async function heavyReads(url: string, sessionId: string): Promise<number[]> {
  return Promise.all([
    fetch(`${url}/v1/sessions/${sessionId}/events?q=no-such-text-anywhere`, { headers: auth }).then(
      async (r) => (((await r.json()) as { data: unknown[] }).data.length === 0 ? r.status : -1),
    ),
    fetch(`${url}/v1/sessions/${sessionId}/messages`, { headers: auth }).then(async (r) =>
      Array.isArray(((await r.json()) as { data: unknown[] }).data) ? r.status : -1,
    ),
  ]);
}

async function turnsEnded(url: string, sessionId: string): Promise<number> {
  const response = await fetch(
    `${url}/v1/sessions/${sessionId}/events?types=turn.completed&types=turn.failed`,
    { headers: auth },
  );
  return ((await response.json()) as { data: unknown[] }).data.length;
}

describe.skipIf(process.platform !== "linux")("100 SSE clients that stop reading", () => {
  it("leave the server's RSS within the bound, /health answering and hostile input refused", async () => {
    server = await spawnDevServer(
      ["--port", "0", "--db", join(folder, "dev.sqlite"), "--quiet", "--sim-delay-ms", "0"],
      () => {},
    );
    const { url, port } = server;
    const pid = server.child.pid ?? 0;
    const sessions: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const response = await fetch(`${url}/v1/sessions`, {
        method: "POST",
        headers: auth,
        body: "{}",
      });
      sessions.push(((await response.json()) as { id: string }).id);
    }
    const statuses = await Promise.all(
      Array.from({ length: READERS }, (_, i) => stalledReader(port, sessions[i % SESSIONS] ?? "")),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    const baseline = rssMb(pid);

    let peak = baseline;
    let slowestHealthMs = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, rssMb(pid));
    }, 50);
    try {
      for (let turn = 1; turn <= TURNS; turn++) {
        await Promise.all(
          sessions.map((id) =>
            fetch(`${url}/v1/sessions/${id}/messages`, {
              method: "POST",
              headers: auth,
              body: JSON.stringify({
                message: {
                  role: "user",
                  content: [{ type: "text", text: "[simulate:long] go" }],
                },
              }),
            }),
          ),
        );
        for (;;) {
          const started = performance.now();
          const health = await fetch(`${url}/health`);
          slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
          expect(health.status).toBe(200);
          expect(await hostileRequests(url, port, sessions[0] ?? "")).toEqual([
            400, 400, 400, 400, 403,
          ]);
          expect(await heavyReads(url, sessions[1] ?? "")).toEqual([200, 200]);
          const ended = await Promise.all(sessions.map((id) => turnsEnded(url, id)));
          if (ended.every((n) => n >= turn)) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      clearInterval(sample);
    }
    const growth = peak - baseline;
    console.log(
      `100 stalled SSE readers: RSS ${baseline.toFixed(0)} MB -> peak ${peak.toFixed(0)} MB (+${growth.toFixed(0)} MB); slowest /health ${slowestHealthMs.toFixed(0)} ms`,
    );
    expect(growth).toBeLessThan(RSS_GROWTH_BOUND_MB);
  }, 300_000);
});
