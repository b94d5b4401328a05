import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs } from "../cli-options.js";
import type { DevServer, DevServerOptions } from "../start-dev-server.js";
import { startTestServer } from "../test-support/test-server.js";

let server: DevServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// node:http sends the Host header as given (fetch would replace it).
function post(port: number, host: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/v1/sessions",
        headers: { host, authorization: "dev", "content-type": "application/json" },
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"] ?? "", body }),
        );
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
}

async function start(options: DevServerOptions = {}) {
  server = await startTestServer(options);
  return server.port;
}

describe("Host check (DNS rebinding)", () => {
  it("refuses a rebound name with 403 host_not_allowed problem+json", async () => {
    const port = await start();
    const answer = await post(port, `rebind.attacker.example:${port}`);
    expect(answer.status).toBe(403);
    expect(answer.type).toBe("application/problem+json");
    expect(JSON.parse(answer.body).code).toBe("host_not_allowed");
  });

  it.each(["127.0.0.1", "localhost", "app.localhost", "[::1]", "192.168.1.20"])(
    "answers loopback names and IP literals (%s)",
    async (host) => {
      const port = await start();
      expect((await post(port, `${host}:${port}`)).status).toBe(201);
    },
  );

  it("answers the configured host and --allowed-host names; 'all' turns the check off", async () => {
    let port = await start({ allowedHosts: ["dev.example.test", ".corp.test"] });
    expect((await post(port, "dev.example.test")).status).toBe(201);
    expect((await post(port, "api.corp.test")).status).toBe(201);
    expect((await post(port, "corp.test.evil")).status).toBe(403);
    await server?.close();
    port = await start({ allowedHosts: true });
    expect((await post(port, "anything.example")).status).toBe(201);
    const cli = parseCliArgs(["--allowed-host", "a.test", "--allowed-host", "b.test"], {});
    expect(cli.kind === "start" && cli.options.allowedHosts).toEqual(["a.test", "b.test"]);
    const all = parseCliArgs(["--allowed-host", "all"], {});
    expect(all.kind === "start" && all.options.allowedHosts).toBe(true);
  });
});
