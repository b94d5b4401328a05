import type { Everruns } from "@everruns/core";
import type { ExampleContext } from "./example.js";

/** What the memories example prints as its final object. */
export interface MemoriesResult {
  memory_id: string;
  files: string[];
  read_back: string;
  grep_matches: { path: string; line_number: number; line: string }[];
}

/**
 * The official SDK's memory flow: create a memory, write two files into it, list them, read
 * one back and grep across them; then archive the memory so repeated runs leave no clutter.
 */
export async function runMemoriesExample(
  client: Everruns,
  { say, signal, suffix }: ExampleContext,
): Promise<MemoriesResult> {
  const memory = await client.memories.create({ name: `quickstart-memory-${suffix}` }, { signal });
  say(`✓ Memory   ${memory.name} ${memory.id}`);
  const files = client.memories.files;
  await files.create(
    memory.id,
    "preferences/team.md",
    "# Team preferences\n\n- Reports in Markdown\n- Dates in ISO 8601\n- Deploys on Tuesdays\n",
    {},
    { signal },
  );
  await files.create(
    memory.id,
    "glossary.md",
    "# Glossary\n\n- Turn: one user message and the agent's work on it\n- Deploy: ship to production\n",
    {},
    { signal },
  );
  say("✓ Wrote    /preferences/team.md, /glossary.md");
  const listing = await files.list(memory.id, "/", { recursive: true }, { signal });
  const paths = listing.data.filter((entry) => !entry.is_directory).map((entry) => entry.path);
  say(`✓ Listed   ${paths.join(", ")}`);
  const readBack = await files.text(memory.id, "preferences/team.md", { signal });
  say(`✓ Read     /preferences/team.md (${readBack.length} characters)`);
  const grep = await files.grep(memory.id, "[Dd]eploy", { pathPattern: "**/*.md" }, { signal });
  const matches = grep.data.flatMap((result) => result.matches);
  for (const match of matches) say(`  ${match.path}:${match.line_number}: ${match.line}`);
  await client.memories.archive(memory.id, { signal });
  return { memory_id: memory.id, files: paths, read_back: readBack, grep_matches: matches };
}
