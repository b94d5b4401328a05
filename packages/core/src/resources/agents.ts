import type { Everruns } from "../client.js";
import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  Agent,
  AgentAnalysis,
  AgentListQuery,
  AgentPreview,
  AgentWithCounts,
  CheckNameResponse,
  CreateAgentRequest,
  PreviewAgentRequest,
  ResourceConfig,
  ResourceStats,
  UpdateAgentRequest,
} from "../types.js";
import { assertExclusive, assertPrefixedId, assertSlug } from "../validation/input-rules.js";
import { AgentHealthChecks } from "./agent-health-checks.js";
import { AgentVersions } from "./agent-versions.js";
import { ApiResource } from "./api-resource.js";

/** Agents: a system prompt, tools and capabilities that sessions run with. */
export class Agents extends ApiResource {
  /** Saved versions: list, save, set the default, diff, fork, roll back. */
  readonly versions: AgentVersions;
  /** Health checks: run, list, latest, get. */
  readonly healthChecks: AgentHealthChecks;

  constructor(client: Everruns) {
    super(client);
    this.versions = new AgentVersions(client);
    this.healthChecks = new AgentHealthChecks(client);
  }

  /**
   * Creates an agent. This is an upsert, as the API is: when `name` matches an existing agent
   * of the organization, that agent is updated instead (see {@link Agents.applyByName}).
   */
  create(body: CreateAgentRequest, options?: RequestOptions): ApiPromise<Agent> {
    const check = () => {
      validateAgentBody(body);
      if (body.id != null) assertPrefixedId(body.id, "agent", "id");
    };
    return this.request("post", "/v1/agents", { body, check }, options);
  }

  /**
   * Creates or updates the agent with this client-chosen ID (`agent_<32 hex>`): the
   * declarative "apply". Running it twice with the same body leaves one agent.
   */
  apply(
    id: string,
    body: Omit<CreateAgentRequest, "id">,
    options?: RequestOptions,
  ): ApiPromise<Agent> {
    const check = () => {
      assertPrefixedId(id, "agent", "id");
      validateAgentBody(body);
    };
    return this.request("post", "/v1/agents", { body: { ...body, id }, check }, options);
  }

  /** Creates the agent, or updates the existing agent with the same `name`. */
  applyByName(body: Omit<CreateAgentRequest, "id">, options?: RequestOptions): ApiPromise<Agent> {
    return this.request(
      "post",
      "/v1/agents",
      { body, check: () => validateAgentBody(body) },
      options,
    );
  }

  /** Fetches one agent, with its session count. */
  get(agentId: string, options?: RequestOptions): ApiPromise<AgentWithCounts> {
    return this.request(
      "get",
      "/v1/agents/{agent_id}",
      { params: { path: { agent_id: agentId } } },
      options,
    );
  }

  /**
   * Lists agents, newest first. Archived ones only with `include_archived`. `await` gives the
   * first page; `for await` walks every agent.
   */
  list(query: AgentListQuery = {}, options?: RequestOptions): PagePromise<AgentWithCounts> {
    return this.offsetList("/v1/agents", { params: { query } }, options);
  }

  /** Changes some fields of an agent; absent fields stay as they are. */
  update(agentId: string, body: UpdateAgentRequest, options?: RequestOptions): ApiPromise<Agent> {
    return this.request(
      "patch",
      "/v1/agents/{agent_id}",
      { params: { path: { agent_id: agentId } }, body, check: () => validateAgentBody(body) },
      options,
    );
  }

  /** Archives an agent: hidden from lists, kept for its sessions. */
  archive(agentId: string, options?: RequestOptions): ApiPromise<void> {
    return this.request(
      "delete",
      "/v1/agents/{agent_id}",
      { params: { path: { agent_id: agentId } } },
      options,
    );
  }

  /** Copies an agent under a new ID and name. */
  copy(agentId: string, options?: RequestOptions): ApiPromise<Agent> {
    return this.request(
      "post",
      "/v1/agents/{agent_id}/copy",
      { params: { path: { agent_id: agentId } } },
      options,
    );
  }

  /** Creates an agent from its Markdown definition (the format {@link Agents.export} writes). */
  import(markdown: string, options?: RequestOptions): ApiPromise<Agent> {
    return this.request(
      "post",
      "/v1/agents/import",
      {
        body: markdown,
        bodySerializer: (text: string | undefined) => text ?? "",
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
      options,
    );
  }

  /** Exports an agent as Markdown with front matter, ready for {@link Agents.import}. */
  export(agentId: string, options?: RequestOptions): ApiPromise<string> {
    return this.request(
      "get",
      "/v1/agents/{agent_id}/export",
      { params: { path: { agent_id: agentId } }, parseAs: "text" },
      options,
    );
  }

  /** Reviews an agent draft with the built-in rules; nothing is saved. */
  analyze(draft: PreviewAgentRequest, options?: RequestOptions): ApiPromise<AgentAnalysis> {
    return this.request("post", "/v1/agents/analyze", { body: draft }, options);
  }

  /** The system prompt and tools a session of an agent draft would get; nothing is saved. */
  preview(draft: PreviewAgentRequest, options?: RequestOptions): ApiPromise<AgentPreview> {
    return this.request("post", "/v1/agents/preview", { body: draft }, options);
  }

  /** Whether no agent has `name` yet (`excludeId`: ignore that agent, e.g. when renaming it). */
  checkName(
    name: string,
    excludeId?: string,
    options?: RequestOptions,
  ): ApiPromise<CheckNameResponse> {
    return this.request(
      "get",
      "/v1/agents/check-name",
      {
        params: { query: excludeId === undefined ? { name } : { name, exclude_id: excludeId } },
        check: () => assertSlug(name, "name"),
      },
      options,
    );
  }

  /** What the caller may do with agents (policies by action). */
  config(options?: RequestOptions): ApiPromise<ResourceConfig> {
    return this.request("get", "/v1/agents/config", {}, options);
  }

  /** Usage of an agent: its sessions by status, turns run, tokens and costs. */
  stats(agentId: string, options?: RequestOptions): ApiPromise<ResourceStats> {
    return this.request(
      "get",
      "/v1/agents/{agent_id}/stats",
      { params: { path: { agent_id: agentId } } },
      options,
    );
  }
}

function validateAgentBody(body: {
  name?: string | null;
  harness_id?: string | null;
  harness_name?: string | null;
}): void {
  if (body.name != null) assertSlug(body.name, "name");
  assertExclusive(body, "harness_id", "harness_name");
}
