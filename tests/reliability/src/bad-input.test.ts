import { type DevServer, startDevServer } from "@everruns/dev-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RawRequest, type RawResponse, sendRaw } from "./internal/raw-request.js";
import { valueFor } from "./internal/schema-arbitrary.js";
import { SecretWatch, suiteToken } from "./internal/secret-watch.js";
import { type Operation, operations, type Parameter } from "./internal/spec-operations.js";

const TOKEN = suiteToken("badinput");
const watch = new SecretWatch([TOKEN]);
const RUNS = 2_400;

let server: DevServer;
/** Real ids, so that valid requests reach the handlers and not only the 404s. */
const ids: Record<string, string[]> = { agent: [], session: [] };

beforeAll(async () => {
  server = await startDevServer({
    port: 0,
    db: ":memory:",
    simDelayMs: 0,
    apiKey: TOKEN,
    log: watch.log,
  });
  const json = (): RawRequest["headers"] => [
    ["authorization", TOKEN],
    ["content-type", "application/json"],
  ];
  for (let n = 0; n < 4; n++) {
    const agent = await sendRaw(server.port, {
      method: "POST",
      path: "/v1/agents",
      headers: json(),
      body: JSON.stringify({ name: `fixture-${n}`, system_prompt: "Fixture." }),
    });
    const agentId = JSON.parse(agent.body).id as string;
    ids.agent?.push(agentId);
    const session = await sendRaw(server.port, {
      method: "POST",
      path: "/v1/sessions",
      headers: json(),
      body: JSON.stringify({ agent_id: agentId }),
    });
    ids.session?.push(JSON.parse(session.body).id as string);
  }
});

afterAll(async () => {
  await server?.close();
});

const MUTATIONS = [
  "none",
  "wrong_type",
  "missing_required",
  "huge_string",
  "huge_array",
  "invalid_json",
  "wrong_content_type",
  "malformed_id",
  "foreign_id",
  "path_traversal",
  "unknown_query",
  "wrong_query_type",
  "duplicated_headers",
] as const;
type Mutation = (typeof MUTATIONS)[number];

const TRAVERSALS = [
  "..",
  "%2e%2e",
  "..%2F..%2Fhealth",
  "a%2Fb",
  "%2F",
  "..%5C..",
  "%00",
  "%252F",
  ".",
];
const MALFORMED_IDS = [
  "",
  "agent_",
  "agent_XYZ",
  `session_${"g".repeat(32)}`,
  `agent_${"0".repeat(31)}`,
  "x".repeat(5_000),
  "%F0%9F%92%A9",
  "null",
  "-1",
  "' OR 1=1 --",
];

interface Case {
  operation: Operation;
  mutation: Mutation;
  pathValues: Record<string, string>;
  query: [string, string][];
  body: unknown;
  pick: number;
  junk: unknown;
}

function pathValue(parameter: Parameter): fc.Arbitrary<string> {
  const kind = parameter.name.startsWith("agent")
    ? "agent"
    : parameter.name.startsWith("session")
      ? "session"
      : undefined;
  const known = kind ? (ids[kind] ?? []) : [];
  return known.length
    ? fc.oneof(fc.constantFrom(...known), fc.constantFrom("generic", "current_time", "simulated"))
    : fc.constantFrom("generic", "current_time", "simulated", "harness_x", "model_x");
}

function queryValue(parameter: Parameter): fc.Arbitrary<[string, string][]> {
  return valueFor(parameter.schema).map((value) =>
    Array.isArray(value)
      ? value.map((item) => [parameter.name, String(item)] as [string, string])
      : [[parameter.name, String(value)]],
  );
}

const caseArbitrary: fc.Arbitrary<Case> = fc.constantFrom(...operations).chain((operation) => {
  const path = operation.parameters.filter((p) => p.in === "path");
  const query = operation.parameters.filter((p) => p.in === "query");
  const pathRecord: Record<string, fc.Arbitrary<string>> = {};
  for (const parameter of path) pathRecord[parameter.name] = pathValue(parameter);
  return fc.record({
    operation: fc.constant(operation),
    mutation: fc.constantFrom(...MUTATIONS),
    pathValues: fc.record(pathRecord),
    query: fc
      .subarray(query)
      .chain((chosen) =>
        chosen.length
          ? fc.tuple(...chosen.map(queryValue)).map((parts) => parts.flat())
          : fc.constant([]),
      ),
    body: operation.jsonBody ? valueFor(operation.jsonBody) : fc.constant(undefined),
    pick: fc.nat(),
    junk: fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.constant(null), fc.array(fc.nat())),
  });
});

/** Builds the raw request of a case: a valid-looking request, then the mutation. */
function build(c: Case): RawRequest {
  const { operation, mutation, pick } = c;
  const values = { ...c.pathValues };
  const names = Object.keys(values);
  const target = names[pick % Math.max(names.length, 1)];
  if (target && mutation === "malformed_id")
    values[target] = MALFORMED_IDS[pick % MALFORMED_IDS.length] ?? "";
  if (target && mutation === "foreign_id") {
    const other = target.startsWith("agent") ? ids.session : ids.agent;
    values[target] = other?.[pick % other.length] ?? "event_0";
  }
  let path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name] ?? "";
    if (mutation === "path_traversal" && name === target)
      return `${value}/${TRAVERSALS[pick % TRAVERSALS.length]}`;
    return mutation === "malformed_id" ? encodeURI(value) : encodeURIComponent(value);
  });
  if (mutation === "path_traversal" && !target) path += `/${TRAVERSALS[pick % TRAVERSALS.length]}`;
  if (pick % 5 === 0) path = `/api${path}`;

  const query = [...c.query];
  if (mutation === "unknown_query")
    query.push(["zzz_unknown", "1"], ["__proto__", "x"], ["limit[]", "2"]);
  if (mutation === "wrong_query_type") {
    for (const name of [
      "limit",
      "offset",
      "after_sequence",
      "include_archived",
      "window",
      "from_ts",
    ])
      query.push([name, String(c.junk).slice(0, 50) || "abc"]);
  }
  const search = new URLSearchParams(query).toString();
  if (search) path += `?${search}`;

  let body: unknown = c.body;
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    const record = { ...(body as Record<string, unknown>) };
    const keys = Object.keys(record);
    const key = keys[pick % Math.max(keys.length, 1)];
    if (mutation === "wrong_type" && key) record[key] = c.junk;
    if (mutation === "missing_required" && key) delete record[key];
    if (mutation === "missing_required" && !key) body = {};
    if (mutation === "huge_string")
      record[key ?? "name"] = "x".repeat(pick % 2 ? 300_000 : 1_100_000);
    if (mutation === "huge_array")
      record[key ?? "tags"] = Array.from({ length: 60_000 }, (_, i) => i);
    if (mutation !== "missing_required" || key) body = record;
  } else if (mutation === "wrong_type") body = c.junk;

  const headers: [string, string][] = [["authorization", TOKEN]];
  let text: string | undefined;
  if (operation.jsonBody) {
    text = JSON.stringify(body ?? {});
    headers.push(["content-type", "application/json"]);
  } else if (operation.textBody) {
    text = "---\nname: imported\nsystem_prompt: hi\n---\nbody";
    headers.push(["content-type", operation.textBody]);
  }
  if (mutation === "invalid_json") {
    text = [`{"name":`, "{'a':1}", "", "[1,2", "\u0000", '{"a":1}}', "nul", "{".repeat(5_000)][
      pick % 8
    ];
    if (!headers.some(([name]) => name === "content-type"))
      headers.push(["content-type", "application/json"]);
  }
  if (mutation === "wrong_content_type") {
    const types = [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/xml",
      "",
      "application/json; charset=utf-16",
    ];
    const index = headers.findIndex(([name]) => name === "content-type");
    if (index >= 0) headers.splice(index, 1);
    const type = types[pick % types.length] ?? "";
    if (type) headers.push(["content-type", type]);
    text ??= "a=1&b=2";
  }
  if (mutation === "duplicated_headers") {
    headers.push(
      ["authorization", pick % 2 ? TOKEN : "wrong"],
      ["content-type", "text/plain"],
      ["x-org-id", "org_a"],
      ["x-org-id", "org_b"],
      ["accept", "text/event-stream"],
      ["accept", "application/json"],
    );
  }
  return { method: operation.method, path, headers, body: text };
}

/** The contract: a success, or a 4xx problem+json with title and a matching status. */
function checkAnswer(response: RawResponse): string | undefined {
  if (response.status >= 200 && response.status < 400) return undefined;
  if (response.status >= 500)
    return `server error ${response.status}: ${response.body.slice(0, 300)}`;
  if (response.status < 400) return `unexpected status ${response.status}`;
  if (!response.contentType.startsWith("application/problem+json"))
    return `${response.status} with content type "${response.contentType}"`;
  let problem: { title?: unknown; status?: unknown };
  try {
    problem = JSON.parse(response.body);
  } catch {
    return `${response.status} whose body is not JSON`;
  }
  if (typeof problem.title !== "string" || problem.status !== response.status)
    return `${response.status} problem without title or with status ${String(problem.status)}`;
  return undefined;
}

describe("requests generated from the spec and broken on purpose", () => {
  it(`never get a 5xx, always a success or a 4xx problem+json (${RUNS} cases)`, async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const raw = build(c);
        const response = await sendRaw(server.port, raw);
        seen.set(String(response.status), (seen.get(String(response.status)) ?? 0) + 1);
        const problem = checkAnswer(response);
        if (problem)
          throw new Error(`${raw.method} ${raw.path.slice(0, 200)} (${c.mutation}): ${problem}`);
      }),
      { numRuns: RUNS, seed: 20_240_501, endOnFailure: true },
    );
    // Both sides of the contract were exercised.
    const ok = [...seen]
      .filter(([status]) => status.startsWith("2"))
      .reduce((n, [, c]) => n + c, 0);
    const refused = [...seen]
      .filter(([status]) => status.startsWith("4"))
      .reduce((n, [, c]) => n + c, 0);
    expect(ok).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(1_000);
    expect(ok + refused).toBe(RUNS);
  }, 80_000);

  it("keeps answering afterwards", async () => {
    const health = await sendRaw(server.port, {
      method: "GET",
      path: "/health",
      headers: [],
      body: undefined,
    });
    expect(health.status).toBe(200);
    const sessions = await sendRaw(server.port, {
      method: "GET",
      path: "/v1/sessions",
      headers: [["authorization", TOKEN]],
      body: undefined,
    });
    expect(sessions.status).toBe(200);
  });

  it("logged no API key", () => {
    expect(watch.size).toBeGreaterThan(RUNS);
    expect(watch.leaks()).toEqual([]);
  });
});
