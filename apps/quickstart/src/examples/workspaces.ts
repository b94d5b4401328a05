import type { Everruns } from "@everruns/core";
import type { ExampleContext } from "./example.js";

/** What the workspaces example prints as its final object. */
export interface WorkspacesResult {
  workspace_id: string;
  listed: string[];
  moved_to: string;
  after_delete: string[];
  session_id: string;
  session_workspace_id: string;
  initial_file: string;
}

/**
 * The official SDK's workspace flow: create a workspace, create files, list, read, move and
 * delete them; then open a session with `initial_files` and read one back from the session's
 * own workspace.
 */
export async function runWorkspacesExample(
  client: Everruns,
  { say, signal, suffix }: ExampleContext,
): Promise<WorkspacesResult> {
  const workspace = await client.workspaces.create(
    { name: `quickstart-workspace-${suffix}` },
    { signal },
  );
  say(`✓ Workspace ${workspace.name} ${workspace.id}`);
  const files = client.workspaces.files;
  await files.create(
    workspace.id,
    "drafts/plan.md",
    "# Plan\n\n1. Write\n2. Review\n",
    {},
    { signal },
  );
  await files.create(workspace.id, "data/numbers.csv", "n\n1\n2\n3\n", {}, { signal });
  const listing = await files.list(workspace.id, "/", { recursive: true }, { signal });
  const listed = listing.data.map((entry) => entry.path);
  say(`✓ Listed    ${listed.join(", ")}`);
  const plan = await files.text(workspace.id, "drafts/plan.md", { signal });
  say(`✓ Read      /drafts/plan.md: ${JSON.stringify(plan.split("\n")[0])}`);
  const moved = await files.move(workspace.id, "drafts/plan.md", "docs/plan.md", { signal });
  say(`✓ Moved     /drafts/plan.md → ${moved.path}`);
  await files.delete(workspace.id, "data", { recursive: true }, { signal });
  const after = await files.list(workspace.id, "/", { recursive: true }, { signal });
  const afterDelete = after.data.map((entry) => entry.path);
  say(`✓ Deleted   /data; left: ${afterDelete.join(", ")}`);
  await client.workspaces.archive(workspace.id, { signal });

  const session = await client.sessions.create(
    {
      title: "Quickstart with initial files",
      initial_files: [
        { path: "/inputs/brief.md", content: "Summarize the quarter in three bullets." },
      ],
    },
    { signal },
  );
  say(`✓ Session   ${session.id} in workspace ${session.workspace_id}`);
  const brief = await files.text(session.workspace_id, "/inputs/brief.md", { signal });
  say(`✓ Read back /inputs/brief.md: ${JSON.stringify(brief)}`);
  return {
    workspace_id: workspace.id,
    listed,
    moved_to: moved.path,
    after_delete: afterDelete,
    session_id: session.id,
    session_workspace_id: session.workspace_id,
    initial_file: brief,
  };
}
