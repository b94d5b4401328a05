import type { DeclarativeCapability } from "@everruns/core";
import { GUARDRAIL_EXAMPLES } from "../../catalog/guardrail-examples.js";
import { createDeclarative, updateDeclarative } from "../../domain/declarative-capabilities.js";
import { dryRunGuardrails } from "../../domain/guardrails.js";
import { allowAll } from "../../domain/resource-policies.js";
import type { DeclarativeCapabilityRecord } from "../../store/declarative-capabilities-repo.js";
import type { OperationHandlers } from "../operation-types.js";
import { notFound } from "../problem.js";
import type { ServerContext } from "../server-context.js";
import { resourceUrls } from "../urls.js";

type CapabilityAuthoringHandlers = Pick<
  OperationHandlers,
  | "listGuardrailExamples"
  | "dryRunGuardrails"
  | "createDeclarativeCapability"
  | "listDeclarativeCapabilities"
  | "getDeclarativeCapabilitiesConfig"
  | "getDeclarativeCapability"
  | "updateDeclarativeCapability"
  | "deleteDeclarativeCapability"
  | "destroyDeclarativeCapability"
>;

/** Guardrail examples and dry runs; declarative capabilities (create, list, get, update, archive, remove). */
export const capabilityAuthoringHandlers: CapabilityAuthoringHandlers = {
  listGuardrailExamples({ c }) {
    return c.json({ examples: GUARDRAIL_EXAMPLES });
  },

  dryRunGuardrails({ c, body }) {
    return c.json(dryRunGuardrails(body));
  },

  createDeclarativeCapability({ c, server, body, base }) {
    return c.json(answer(base, createDeclarative(server.store, body.definition)), 201);
  },

  listDeclarativeCapabilities({ c, server, query, base }) {
    const search = query.search?.toLowerCase();
    const data = server.store.declarativeCapabilities
      .list()
      .filter((record) => query.include_archived === true || record.status === "active")
      .filter(
        (record) =>
          !search ||
          `${record.capability_id} ${record.name} ${record.description}`
            .toLowerCase()
            .includes(search),
      );
    return c.json({ data: data.map((record) => answer(base, record)) });
  },

  getDeclarativeCapabilitiesConfig({ c }) {
    return c.json(allowAll(["create", "read", "update", "delete"]));
  },

  getDeclarativeCapability({ c, server, path, base }) {
    return c.json(answer(base, find(server, path.capability_id)));
  },

  updateDeclarativeCapability({ c, server, path, body, base }) {
    const record = find(server, path.capability_id);
    const change: { definition?: Record<string, unknown>; status?: string | null } = {};
    if (body.definition !== undefined) change.definition = body.definition;
    if (body.status !== undefined) change.status = body.status;
    return c.json(answer(base, updateDeclarative(server.store, record, change)));
  },

  deleteDeclarativeCapability({ c, server, path }) {
    const record = find(server, path.capability_id);
    if (record.status !== "archived") {
      updateDeclarative(server.store, record, { status: "archived" });
    }
    return c.body(null, 200);
  },

  destroyDeclarativeCapability({ c, server, path }) {
    server.store.declarativeCapabilities.remove(find(server, path.capability_id).id);
    return c.body(null, 200);
  },
};

function find(server: ServerContext, capabilityId: string): DeclarativeCapabilityRecord {
  const record = server.store.declarativeCapabilities.get(capabilityId);
  if (!record) throw notFound("capability", capabilityId);
  return record;
}

function answer(base: string, record: DeclarativeCapabilityRecord): DeclarativeCapability {
  return {
    ...record,
    ...resourceUrls(base, "capabilities/declarative", record.capability_id),
  };
}
