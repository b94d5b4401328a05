import type { ApiPromise } from "../http/api-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  Agent,
  AgentVersion,
  AgentVersionDiff,
  CreateAgentVersionRequest,
  ForkAgentVersionRequest,
  RollbackAgentVersionRequest,
} from "../types.js";
import { assertPrefixedId, assertSlug } from "../validation/input-rules.js";
import { ApiResource } from "./api-resource.js";

/**
 * The saved versions of an agent (`client.agents.versions`). An agent's sessions run its
 * default version: saving, choosing a default and rolling back change what their next turn uses.
 */
export class AgentVersions extends ApiResource {
  /** Lists the versions of an agent, newest first. */
  list(agentId: string, options?: RequestOptions): ApiPromise<AgentVersion[]> {
    return this.request(
      "get",
      "/v1/agents/{agent_id}/versions",
      { params: { path: { agent_id: agentId } } },
      options,
    );
  }

  /** Saves the agent's current settings as a new version, which becomes the default. */
  create(
    agentId: string,
    body: CreateAgentVersionRequest = {},
    options?: RequestOptions,
  ): ApiPromise<AgentVersion> {
    return this.request(
      "post",
      "/v1/agents/{agent_id}/versions",
      { params: { path: { agent_id: agentId } }, body },
      options,
    );
  }

  /** Makes `versionId` the version the agent's sessions run. */
  setDefault(agentId: string, versionId: string, options?: RequestOptions): ApiPromise<Agent> {
    return this.request(
      "post",
      "/v1/agents/{agent_id}/versions/default",
      {
        params: { path: { agent_id: agentId } },
        body: { version_id: versionId },
        check: () => assertPrefixedId(versionId, "agentver", "versionId"),
      },
      options,
    );
  }

  /** What changed from version `fromVersionId` to version `toVersionId`. */
  diff(
    agentId: string,
    fromVersionId: string,
    toVersionId: string,
    options?: RequestOptions,
  ): ApiPromise<AgentVersionDiff> {
    return this.request(
      "get",
      "/v1/agents/{agent_id}/versions/{from_version_id}/diff/{to_version_id}",
      {
        params: {
          path: { agent_id: agentId, from_version_id: fromVersionId, to_version_id: toVersionId },
        },
        check: () => {
          assertPrefixedId(fromVersionId, "agentver", "fromVersionId");
          assertPrefixedId(toVersionId, "agentver", "toVersionId");
        },
      },
      options,
    );
  }

  /** Creates a new agent, named `body.name`, from a version of this one. */
  fork(
    agentId: string,
    versionId: string,
    body: ForkAgentVersionRequest,
    options?: RequestOptions,
  ): ApiPromise<Agent> {
    return this.request(
      "post",
      "/v1/agents/{agent_id}/versions/{version_id}/fork",
      {
        params: { path: { agent_id: agentId, version_id: versionId } },
        body,
        check: () => {
          assertPrefixedId(versionId, "agentver", "versionId");
          assertSlug(body.name, "name");
        },
      },
      options,
    );
  }

  /**
   * Restores the agent's settings from a version; its sessions run them from their next turn.
   * Unless `save_version` is `false`, the restored settings are saved as a new version.
   */
  rollback(
    agentId: string,
    versionId: string,
    body: RollbackAgentVersionRequest = {},
    options?: RequestOptions,
  ): ApiPromise<Agent> {
    return this.request(
      "post",
      "/v1/agents/{agent_id}/versions/{version_id}/rollback",
      {
        params: { path: { agent_id: agentId, version_id: versionId } },
        body,
        check: () => assertPrefixedId(versionId, "agentver", "versionId"),
      },
      options,
    );
  }
}
