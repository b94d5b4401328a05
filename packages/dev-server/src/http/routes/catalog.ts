import type { Capability } from "@everruns/core";
import { CAPABILITIES, modelEntry } from "../../catalog/builtins.js";
import { declarativePrompt } from "../../domain/declarative-capabilities.js";
import type { UrlFields } from "../../store/records.js";
import type { OperationHandlers } from "../operation-types.js";
import { notFound } from "../problem.js";
import type { ServerContext } from "../server-context.js";
import { pageLinks, resourceUrls } from "../urls.js";

type CatalogHandlers = Pick<
  OperationHandlers,
  "listModels" | "getModel" | "listCapabilities" | "getCapability"
>;

/** Read-only built-ins: the server's model and the capabilities (harnesses: see `harnesses.ts`). */
export const catalogHandlers: CatalogHandlers = {
  listModels({ c, server, query, base }) {
    const models = [model(server, base)].filter(
      (entry) => query.source === undefined || entry.source === query.source,
    );
    return c.json({ data: models });
  },

  getModel({ c, server, path, base }) {
    const entry = model(server, base);
    if (path.id !== entry.id && path.id !== entry.model_id) throw notFound("model", path.id);
    return c.json(entry);
  },

  listCapabilities({ c, server, query, base }) {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 20;
    const search = query.search?.toLowerCase();
    const matching = allCapabilities(server).filter(
      (capability) =>
        !search ||
        `${capability.id} ${capability.name} ${capability.description}`
          .toLowerCase()
          .includes(search),
    );
    const rows = matching.slice(offset, offset + limit);
    return c.json({
      data: rows.map((capability) => ({
        ...capability,
        ...resourceUrls(base, "capabilities", capability.id),
      })),
      total: matching.length,
      offset,
      limit,
      ...pageLinks(c, { offset, limit, count: rows.length, total: matching.length }),
    });
  },

  getCapability({ c, server, path, base }) {
    const capability = allCapabilities(server).find((entry) => entry.id === path.capability_id);
    if (!capability) throw notFound("capability", path.capability_id);
    return c.json({ ...capability, ...resourceUrls(base, "capabilities", capability.id) });
  },
};

/** The built-in capabilities, then the active declarative ones (as capabilities). */
function allCapabilities(server: ServerContext): Omit<Capability, UrlFields>[] {
  const declarative = server.store.declarativeCapabilities
    .list()
    .filter((record) => record.status === "active")
    .map(
      (record): Omit<Capability, UrlFields> => ({
        id: record.capability_id,
        name: record.display_name ?? record.name,
        description: record.description,
        status: "available",
        category: "declarative",
        system_prompt: declarativePrompt(record),
        risk_level: "low",
        is_guardrail: false,
        is_mcp: false,
        is_skill: false,
        features: [],
        dependencies: [],
        tool_definitions: [],
      }),
    );
  return [...CAPABILITIES, ...declarative];
}

function model(server: ServerContext, base: string) {
  const entry = modelEntry(server.settings.model.kind, server.settings.model.name);
  return { ...entry, ...resourceUrls(base, "models", entry.id) };
}
