import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../start-dev-server.js";
import { startTestServer } from "../test-support/test-server.js";

const PAGE = "http://127.0.0.1:5173";
const SDK_REQUEST_HEADERS = [
  "authorization",
  "x-org-id",
  "x-everruns-client",
  "cache-control",
  "content-type",
];

let server: DevServer;

beforeAll(async () => {
  server = await startTestServer({ cors: [PAGE] });
});
afterAll(() => server.close());

function preflight(origin: string, method: string, headers: string[]) {
  return fetch(`${server.url}/v1/sessions/s/events`, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": method,
      "access-control-request-headers": headers.join(","),
    },
  });
}

function listed(value: string | null): string[] {
  return (value ?? "").split(",").map((name) => name.trim().toLowerCase());
}

describe("CORS (the cors option, --cors on the command line)", () => {
  it("answers the preflight of an allowed origin for every header the SDK sends", async () => {
    const response = await preflight(PAGE, "POST", SDK_REQUEST_HEADERS);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(listed(response.headers.get("access-control-allow-headers"))).toEqual(
      expect.arrayContaining(SDK_REQUEST_HEADERS),
    );
    expect(listed(response.headers.get("access-control-allow-methods"))).toEqual(
      expect.arrayContaining(["get", "post", "put", "patch", "delete"]),
    );
  });

  it("lets the page read the response headers the SDK reads, on success and on errors", async () => {
    const expected = [
      "x-request-id",
      "request-id",
      "x-total-count",
      "retry-after",
      "retry-after-ms",
    ];
    const ok = await fetch(`${server.url}/v1/agents`, {
      headers: { origin: PAGE, authorization: "dev" },
    });
    const refused = await fetch(`${server.url}/v1/agents`, { headers: { origin: PAGE } });
    expect(refused.status).toBe(401);
    for (const response of [ok, refused]) {
      expect(response.headers.get("access-control-allow-origin")).toBe(PAGE);
      expect(listed(response.headers.get("access-control-expose-headers"))).toEqual(
        expect.arrayContaining(expected),
      );
    }
  });

  it("does not allow an origin that is not listed", async () => {
    const response = await preflight("http://evil.test", "GET", ["authorization"]);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends no CORS headers when no origin is configured", async () => {
    const closed = await startTestServer();
    try {
      const response = await fetch(`${closed.url}/v1/agents`, {
        headers: { origin: PAGE, authorization: "dev" },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await closed.close();
    }
  });
});
