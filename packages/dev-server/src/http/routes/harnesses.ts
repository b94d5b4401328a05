import type { Harness } from "@everruns/core";
import { GENERIC_HARNESS } from "../../catalog/builtins.js";
import { HARNESS_EXAMPLES } from "../../catalog/harness-examples.js";
import { knownCapability } from "../../domain/capability-catalog.js";
import {
  copyHarness,
  createHarness,
  deleteHarness,
  freeHarnessName,
  harnessNameFree,
  resolveParent,
  updateHarness,
} from "../../domain/harness-authoring.js";
import { findHarness, harnessCapabilities, harnessPrompt } from "../../domain/harnesses.js";
import { allowAll } from "../../domain/resource-policies.js";
import { toResourceStats } from "../../domain/resource-stats.js";
import type { HarnessRecord } from "../../store/harnesses-repo.js";
import type { OperationHandlers } from "../operation-types.js";
import { ApiProblem, notFound } from "../problem.js";
import type { ServerContext } from "../server-context.js";
import { resourceUrls } from "../urls.js";

type HarnessHandlers = Pick<
  OperationHandlers,
  | "listHarnesses"
  | "getHarness"
  | "createHarness"
  | "updateHarness"
  | "deleteHarness"
  | "copyHarness"
  | "importHarness"
  | "previewHarness"
  | "checkHarnessName"
  | "getHarnessConfig"
  | "getHarnessStats"
  | "listHarnessExamples"
>;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Harnesses: the built-in `generic` one and the ones users write, their examples and stats. */
export const harnessHandlers: HarnessHandlers = {
  listHarnesses({ c, server, query, base }) {
    const search = query.search?.toLowerCase();
    const all = [GENERIC_HARNESS, ...server.store.harnesses.list()].filter(
      (h) => query.include_archived === true || h.status === "active",
    );
    const data = search
      ? all.filter((h) =>
          `${h.name} ${h.display_name ?? ""} ${h.description ?? ""}`.toLowerCase().includes(search),
        )
      : all;
    return c.json({ data: data.map((h) => answer(server, base, h)) });
  },

  getHarness({ c, server, path, base }) {
    return c.json(answer(server, base, find(server, path.harness_id)));
  },

  createHarness({ c, server, body, base }) {
    return c.json(answer(server, base, createHarness(server.store, body)), 201);
  },

  updateHarness({ c, server, path, body, base }) {
    const harness = find(server, path.harness_id);
    return c.json(answer(server, base, updateHarness(server.store, harness, body)));
  },

  deleteHarness({ c, server, path }) {
    deleteHarness(server.store, find(server, path.harness_id));
    return c.body(null, 204);
  },

  copyHarness({ c, server, path, base }) {
    return c.json(
      answer(server, base, copyHarness(server.store, find(server, path.harness_id))),
      201,
    );
  },

  importHarness({ c, server, query, base }) {
    const name = query["from-example"];
    const example = HARNESS_EXAMPLES.find((entry) => entry.name === name);
    if (!example) {
      throw new ApiProblem(
        404,
        "example_not_found",
        `No harness example "${name}". Examples: ${HARNESS_EXAMPLES.map((e) => e.name).join(", ")}.`,
      );
    }
    const harness = createHarness(server.store, {
      name: freeHarnessName(server.store, example.name),
      display_name: example.display_name,
      description: example.description,
      system_prompt: example.system_prompt,
      tags: example.tags,
      capabilities: example.capabilities,
      parent_harness_id: example.parent_name ?? null,
    });
    return c.json(answer(server, base, harness), 201);
  },

  previewHarness({ c, server, body }) {
    const parentId = resolveParent(server.store, body.parent_harness_id, undefined);
    const draft: HarnessRecord = {
      ...GENERIC_HARNESS,
      id: "harness_preview",
      is_built_in: false,
      system_prompt: body.system_prompt ?? null,
      capabilities: body.capabilities ?? [],
      parent_harness_id: parentId,
    };
    const capabilities = harnessCapabilities(server.store, draft).flatMap((config) => {
      const found = knownCapability(server.store, config.ref);
      return found ? [found] : [];
    });
    const prompt = [
      harnessPrompt(server.store, draft) || (GENERIC_HARNESS.system_prompt ?? ""),
      ...capabilities.map((capability) => capability.system_prompt ?? ""),
    ]
      .filter((part) => part.trim() !== "")
      .join("\n\n");
    return c.json({
      system_prompt: prompt,
      tools: capabilities.flatMap((capability) => capability.tool_definitions),
    });
  },

  checkHarnessName({ c, server, query }) {
    if (!SLUG.test(query.name) || query.name.length > 64) {
      throw new ApiProblem(
        400,
        "invalid_name",
        "A name is lowercase letters, digits and single dashes, at most 64 characters.",
      );
    }
    return c.json({ available: harnessNameFree(server.store, query.name, query.exclude_id) });
  },

  getHarnessConfig({ c }) {
    return c.json(allowAll(["create", "read", "update", "delete", "import", "copy"]));
  },

  getHarnessStats({ c, server, path }) {
    const harness = find(server, path.harness_id);
    return c.json(toResourceStats(server.store.resourceStats.forHarness(harness.id)));
  },

  listHarnessExamples({ c }) {
    return c.json(HARNESS_EXAMPLES.map(({ system_prompt: _prompt, ...example }) => example));
  },
};

function find(server: ServerContext, ref: string): HarnessRecord {
  const harness = findHarness(server.store, ref);
  if (!harness) throw notFound("harness", ref);
  return harness;
}

function answer(server: ServerContext, base: string, harness: HarnessRecord): Harness {
  return {
    ...harness,
    session_count: server.store.sessions.countByHarness(harness.id),
    app_count: 0,
    ...resourceUrls(base, "harnesses", harness.id),
  };
}
