import type { ApiPromise } from "../http/api-promise.js";
import type { RequestOptions } from "../request-options.js";
import type {
  GuardrailExample,
  GuardrailsDryRunRequest,
  GuardrailsDryRunResult,
} from "../types.js";
import { ApiResource } from "./api-resource.js";

/** Guardrails (`client.capabilities.guardrails`): ready-made configurations and dry runs. */
export class Guardrails extends ApiResource {
  /** The ready-made guardrail configurations. */
  examples(options?: RequestOptions): ApiPromise<{ examples: GuardrailExample[] }> {
    return this.request("get", "/v1/capabilities/guardrails/examples", {}, options);
  }

  /** Tries a configuration on a text at one stage; nothing is stored. */
  dryRun(
    body: GuardrailsDryRunRequest,
    options?: RequestOptions,
  ): ApiPromise<GuardrailsDryRunResult> {
    return this.request("post", "/v1/capabilities/guardrails/dry-run", { body }, options);
  }
}
