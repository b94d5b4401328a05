import { unwrap } from "../http/unwrap.js";
import { offsetPage, type Page } from "../pagination/page.js";
import type { RequestOptions } from "../request-options.js";
import type {
  Agent,
  AgentListQuery,
  AgentWithCounts,
  CreateAgentRequest,
  UpdateAgentRequest,
} from "../types.js";
import {
  assertExclusive,
  assertPathParam,
  assertPrefixedId,
  assertSlug,
} from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/** Agents: a system prompt, tools and capabilities that sessions run with. */
export class Agents extends ApiResource {
  /**
   * Creates an agent. `name` must be a slug, unique in the organization; when it matches an
   * existing agent, that agent is updated instead (see {@link Agents.applyByName}).
   */
  async create(body: CreateAgentRequest, options?: RequestOptions): Promise<Agent> {
    validateAgentBody(body);
    if (body.id != null) assertPrefixedId(body.id, "agent", "id");
    return unwrap(await this.raw.POST("/v1/agents", { body, ...this.init(options) }));
  }

  /**
   * Creates or updates the agent with this client-chosen ID (`agent_<32 hex>`): the
   * declarative "apply". Running it twice with the same body leaves one agent.
   */
  async apply(
    id: string,
    body: Omit<CreateAgentRequest, "id">,
    options?: RequestOptions,
  ): Promise<Agent> {
    assertPrefixedId(id, "agent", "id");
    validateAgentBody(body);
    return unwrap(
      await this.raw.POST("/v1/agents", { body: { ...body, id }, ...this.init(options) }),
    );
  }

  /** Creates the agent, or updates the existing agent with the same `name`. */
  async applyByName(
    body: Omit<CreateAgentRequest, "id">,
    options?: RequestOptions,
  ): Promise<Agent> {
    validateAgentBody(body);
    return unwrap(await this.raw.POST("/v1/agents", { body, ...this.init(options) }));
  }

  /** Fetches one agent, with its session count. */
  async get(agentId: string, options?: RequestOptions): Promise<AgentWithCounts> {
    assertPathParam(agentId, "agentId");
    return unwrap(
      await this.raw.GET("/v1/agents/{agent_id}", {
        params: { path: { agent_id: agentId } },
        ...this.init(options),
      }),
    );
  }

  /** Lists agents, newest first; the page iterates every agent. Archived ones only with `include_archived`. */
  async list(query: AgentListQuery = {}, options?: RequestOptions): Promise<Page<AgentWithCounts>> {
    const body = unwrap(
      await this.raw.GET("/v1/agents", { params: { query }, ...this.init(options) }),
    );
    return offsetPage(body, (offset) => this.list({ ...query, offset }, options));
  }

  /** Changes some fields of an agent; absent fields stay as they are. */
  async update(
    agentId: string,
    body: UpdateAgentRequest,
    options?: RequestOptions,
  ): Promise<Agent> {
    assertPathParam(agentId, "agentId");
    validateAgentBody(body);
    return unwrap(
      await this.raw.PATCH("/v1/agents/{agent_id}", {
        params: { path: { agent_id: agentId } },
        body,
        ...this.init(options),
      }),
    );
  }

  /** Archives an agent: hidden from lists, kept for its sessions. */
  async archive(agentId: string, options?: RequestOptions): Promise<void> {
    assertPathParam(agentId, "agentId");
    unwrap(
      await this.raw.DELETE("/v1/agents/{agent_id}", {
        params: { path: { agent_id: agentId } },
        ...this.init(options),
      }),
    );
  }

  /** Copies an agent under a new ID and name. */
  async copy(agentId: string, options?: RequestOptions): Promise<Agent> {
    assertPathParam(agentId, "agentId");
    return unwrap(
      await this.raw.POST("/v1/agents/{agent_id}/copy", {
        params: { path: { agent_id: agentId } },
        ...this.init(options),
      }),
    );
  }

  /** Creates an agent from its Markdown definition (the format {@link Agents.export} writes). */
  async import(markdown: string, options?: RequestOptions): Promise<Agent> {
    const init = this.init(options);
    return unwrap(
      await this.raw.POST("/v1/agents/import", {
        body: markdown,
        bodySerializer: (text: string | undefined) => text ?? "",
        ...init,
        headers: { ...init.headers, "Content-Type": "text/plain; charset=utf-8" },
      }),
    );
  }

  /** Exports an agent as Markdown with front matter, ready for {@link Agents.import}. */
  async export(agentId: string, options?: RequestOptions): Promise<string> {
    assertPathParam(agentId, "agentId");
    return unwrap(
      await this.raw.GET("/v1/agents/{agent_id}/export", {
        params: { path: { agent_id: agentId } },
        parseAs: "text",
        ...this.init(options),
      }),
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
