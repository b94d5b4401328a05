import type { ApiPromise } from "../http/api-promise.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  Agent,
  AgentListQuery,
  AgentWithCounts,
  CreateAgentRequest,
  UpdateAgentRequest,
} from "../types.js";
import { assertExclusive, assertPrefixedId, assertSlug } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Agents: a system prompt, tools and capabilities that sessions run with. */
export class Agents extends ApiResource {
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
}

function validateAgentBody(body: {
  name?: string | null;
  harness_id?: string | null;
  harness_name?: string | null;
}): void {
  if (body.name != null) assertSlug(body.name, "name");
  assertExclusive(body, "harness_id", "harness_name");
}
