import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Everruns } from "./client.js";
import { HOSTED_BASE_URL, normalizeBaseUrl } from "./client-options.js";
import { ValidationError } from "./errors/client-errors.js";
import { AGENT_ID, SESSION_ID } from "./test-support/fixtures.js";
import { type RecordingServer, startRecordingServer } from "./test-support/recording-server.js";

describe("options", () => {
  it("defaults to the hosted API, 3 retries and a 60 s timeout", () => {
    const client = new Everruns({ apiKey: "evr_pat_x" });
    expect([client.baseUrl, client.maxRetries, client.timeoutMs, client.isHosted]).toEqual([
      HOSTED_BASE_URL,
      3,
      60_000,
      true,
    ]);
  });

  it("refuses the hosted API without a key, before any request", () => {
    expect(() => new Everruns()).toThrow(ValidationError);
    expect(() => new Everruns({ apiKey: "  " })).toThrow(/EVERRUNS_API_KEY/);
  });

  it("uses the dev key for any other server when none is given", () => {
    const client = new Everruns({ baseUrl: "http://127.0.0.1:9000" });
    expect(JSON.stringify(client)).toContain('"apiKey":"***"');
    expect(client.isHosted).toBe(false);
  });

  it("normalizes base URLs", () => {
    expect(normalizeBaseUrl("http://localhost:9000/")).toBe("http://localhost:9000");
    expect(normalizeBaseUrl("https://app.everruns.com/api//")).toBe("https://app.everruns.com/api");
    expect(normalizeBaseUrl("http://localhost:9000/api/v1/")).toBe("http://localhost:9000/api");
    expect(() => normalizeBaseUrl("ftp://x")).toThrow(ValidationError);
    expect(() => normalizeBaseUrl("not a url")).toThrow(ValidationError);
  });

  it("refuses negative or fractional retry and timeout settings", () => {
    expect(() => new Everruns({ apiKey: "k", maxRetries: -1 })).toThrow(ValidationError);
    expect(() => new Everruns({ apiKey: "k", timeoutMs: 1.5 })).toThrow(ValidationError);
  });

  it.each([
    ["apiKey", { apiKey: "abc\r\nX-Evil: 1" }],
    ["orgId", { apiKey: "k", orgId: "org\n1" }],
    ["headers", { apiKey: "k", headers: { "X-Custom": "a\u0000b" } }],
  ])("refuses CR, LF or NUL in %s without echoing the value", (_name, options) => {
    const error = (() => {
      try {
        new Everruns(options);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.message).not.toContain("Evil");
  });
});

describe("non-Latin-1 header values", () => {
  it.each([
    ["apiKey", { apiKey: "evr_pat_abc\u2013def" }],
    ["orgId", { apiKey: "k", orgId: "org\u201c1" }],
    ["headers", { apiKey: "k", headers: { "X-Custom": "caf\u00e9 \u{1f600}" } }],
  ])("are a ValidationError at construction in %s, without echoing the value", (_name, options) => {
    let error: unknown;
    try {
      new Everruns(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/Latin-1/);
    expect((error as Error).message).not.toContain("abc");
  });

  it("accepts Latin-1 such as an é", () => {
    expect(() => new Everruns({ apiKey: "k", headers: { "X-Name": "caf\u00e9" } })).not.toThrow();
  });
});

describe("Everruns.fromEnv", () => {
  beforeEach(() => {
    vi.stubEnv("EVERRUNS_API_KEY", "evr_pat_from_env_123456");
    vi.stubEnv("EVERRUNS_API_URL", "http://127.0.0.1:9000/");
    vi.stubEnv("EVERRUNS_ORG_ID", "org_env");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reads EVERRUNS_API_KEY, EVERRUNS_API_URL and EVERRUNS_ORG_ID", () => {
    const client = Everruns.fromEnv();
    expect(client.baseUrl).toBe("http://127.0.0.1:9000");
    expect(client.orgId).toBe("org_env");
    expect(JSON.stringify(client)).toContain("evr_pat_");
  });

  it("lets explicit options win over the environment", () => {
    const client = Everruns.fromEnv({ baseUrl: "http://localhost:1234", orgId: "org_explicit" });
    expect([client.baseUrl, client.orgId]).toEqual(["http://localhost:1234", "org_explicit"]);
  });

  it("refuses the hosted API when the environment has no key", () => {
    vi.stubEnv("EVERRUNS_API_KEY", "");
    vi.stubEnv("EVERRUNS_API_URL", "");
    expect(() => Everruns.fromEnv()).toThrow(ValidationError);
  });
});

describe("client-side validation sends nothing", () => {
  let server: RecordingServer;
  let client: Everruns;
  beforeAll(async () => {
    server = await startRecordingServer();
    client = new Everruns({ baseUrl: server.url, apiKey: "k" });
  });
  afterAll(() => server.close());

  it.each([
    [
      "a name that is not a slug",
      () => client.agents.create({ name: "My Agent", system_prompt: "x" }),
    ],
    [
      "a name longer than 64",
      () => client.agents.create({ name: "a".repeat(65), system_prompt: "x" }),
    ],
    ["a trailing dash", () => client.agents.applyByName({ name: "agent-", system_prompt: "x" })],
    [
      "both harness fields on an agent",
      () =>
        client.agents.create({
          name: "a",
          system_prompt: "x",
          harness_id: "harness_1",
          harness_name: "generic",
        }),
    ],
    [
      "an apply id of the wrong shape",
      () => client.agents.apply("agent_XYZ", { name: "a", system_prompt: "x" }),
    ],
    [
      "both harness fields on a session",
      () => client.sessions.create({ harness_id: "h", harness_name: "generic" }),
    ],
    [
      "both agent fields on a session",
      () => client.sessions.create({ agent_id: AGENT_ID, agent_name: "demo" }),
    ],
    ["an empty session id", () => client.sessions.get("")],
    [
      "CR/LF in a per-call header",
      () => client.sessions.get(SESSION_ID, { headers: { "X-A": "1\r\n2" } }),
    ],
    ["a bad slug in an update", () => client.agents.update(AGENT_ID, { name: "UPPER" })],
  ])("%s", async (_label, call) => {
    await expect(call()).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
