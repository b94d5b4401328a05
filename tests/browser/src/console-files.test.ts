import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumTestsRun } from "./internal/chromium.js";
import { ConsoleFixture, collectProblems, signInWithKey } from "./internal/console-fixture.js";

const runHere = chromiumTestsRun("console tests");

const KEY = "console-test-key";
const fixture = new ConsoleFixture();

// A 2x1 PNG (one red, one transparent pixel).
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mP8z8DwnwEIGGEMAEP5Bf/1Z1ZVAAAAAElFTkSuQmCC";

/** Opens a session, waits for its stream, and switches to the Files tab. */
async function openFiles(page: Page, sessionId: string): Promise<void> {
  await page.goto(`${fixture.server.url}/console#/sessions/${sessionId}`);
  await page.locator(".stream-live").waitFor();
  await page.getByRole("tab", { name: /^Files/ }).click();
}

/** The tree's button for a file or directory, by the name it shows first. */
function treeRow(page: Page, name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page
    .getByRole("list", { name: "Workspace files" })
    .getByRole("button", { name: new RegExp(`^${escaped}\\s`) });
}

async function waitForIdle(sessionId: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await fixture.client.sessions.get(sessionId)).status === "idle") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`session ${sessionId} never became idle`);
}

describe.runIf(runHere)("the dev console's workspace files in headless Chromium", () => {
  const chromium = fixture.useWithChromium();

  it("shows a file the turn wrote in the tree, views its content and downloads the same bytes", async () => {
    const session = await fixture.client.sessions.create({ title: "Writes a report" });
    await fixture.client.messages.create(
      session.id,
      "Summarize the quarter [simulate:write=reports/summary.md]",
    );
    await waitForIdle(session.id);
    const files = fixture.client.workspaces.files;
    const stored = await files.bytes(session.workspace_id, "reports/summary.md");
    const storedText = new TextDecoder().decode(stored);
    expect(storedText).toContain("Summarize the quarter");

    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    await signInWithKey(page, fixture.server.url, KEY);
    await openFiles(page, session.id);

    // The written file's directory opens by itself; it closes and opens again on a click.
    const folder = treeRow(page, "reports/");
    await expect.poll(() => folder.getAttribute("aria-expanded")).toBe("true");
    expect(await folder.textContent()).toContain("1 file");
    await folder.click();
    await expect.poll(() => folder.getAttribute("aria-expanded")).toBe("false");
    expect(await treeRow(page, "summary.md").count()).toBe(0);
    await folder.click();

    const row = treeRow(page, "summary.md");
    expect(await row.textContent()).toContain(`${stored.length} B`);
    await row.click();
    expect(await row.getAttribute("aria-current")).toBe("true");
    const view = page.getByRole("region", { name: "File /reports/summary.md" });
    await expect.poll(() => view.locator("pre").textContent()).toBe(storedText);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      view.getByRole("button", { name: "Download summary.md" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("summary.md");
    const saved = await readFile(await download.path());
    expect(new Uint8Array(saved)).toEqual(stored);

    // The key went in a header, never in an address the page loaded.
    expect(urls.filter((url) => url.includes(KEY))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows an image inline, says a binary file is binary, and shows only the start of a long text", async () => {
    const longText = `${"line of a long log\n".repeat(5000)}THE END\n`;
    const session = await fixture.client.sessions.create({
      title: "Mixed files",
      initial_files: [
        { path: "assets/pixel.png", content: PNG_BASE64, encoding: "base64" },
        { path: "data.bin", content: "AAECAwT/AP4=", encoding: "base64" },
        { path: "logs/long.txt", content: longText },
      ],
    });
    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    await signInWithKey(page, fixture.server.url, KEY);
    await openFiles(page, session.id);

    await treeRow(page, "assets/").click();
    await treeRow(page, "pixel.png").click();
    const image = page
      .getByRole("region", { name: "File /assets/pixel.png" })
      .getByRole("img", { name: "/assets/pixel.png" });
    // Decoded to its real size: the page's Content-Security-Policy let it load.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);

    await treeRow(page, "data.bin").click();
    await page
      .getByRole("region", { name: "File /data.bin" })
      .getByText("Binary file: no preview.")
      .waitFor();

    await treeRow(page, "logs/").click();
    await treeRow(page, "long.txt").click();
    const view = page.getByRole("region", { name: "File /logs/long.txt" });
    await view.getByText(/Showing the first 64\.0 KB/).waitFor();
    const shown = (await view.locator("pre").textContent()) ?? "";
    expect(shown.length).toBe(64 * 1024);
    expect(longText.startsWith(shown)).toBe(true);
    expect(shown).not.toContain("THE END");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("adds a file written during a live turn to the open tree without a reload", async () => {
    const session = await fixture.client.sessions.create({ title: "Live write" });
    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    await signInWithKey(page, fixture.server.url, KEY);
    await openFiles(page, session.id);
    await page.getByText("No files yet").waitFor();
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });

    // The write comes first, then 40+ slow deltas: the file must show while the turn runs.
    await fixture.client.messages.create(
      session.id,
      "Take notes [simulate:write=live/notes.md] [simulate:slow]",
    );
    const row = treeRow(page, "notes.md");
    await row.waitFor({ timeout: 15_000 });
    expect(await page.locator(".session-head .status-active").textContent()).toBe("turn running");
    expect(await page.getByRole("tab", { name: /^Files/ }).textContent()).toBe("Files (1 written)");

    await row.click();
    const expected = await fixture.client.workspaces.files.text(
      session.workspace_id,
      "live/notes.md",
    );
    await expect
      .poll(() =>
        page.getByRole("region", { name: "File /live/notes.md" }).locator("pre").textContent(),
      )
      .toBe(expected);
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    await fixture.client.sessions.cancel(session.id);
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  it("lists an agent's versions, marks the default, and makes another the default", async () => {
    const agent = await fixture.client.agents.create({
      name: "versioned-agent",
      system_prompt: "First settings.",
    });
    const first = await fixture.client.agents.versions.create(agent.id, { summary: "the first" });
    await fixture.client.agents.update(agent.id, { system_prompt: "Second settings." });
    const versions = await fixture.client.agents.versions.list(agent.id);
    const latest = versions[0];
    expect(latest?.id).not.toBe(first.id);

    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    await signInWithKey(page, fixture.server.url, KEY);
    await page.getByRole("link", { name: "Agents" }).click();
    await page.getByRole("button", { name: /versioned-agent/ }).click();
    const table = page.getByRole("table", { name: "Agent versions" });
    const rows = table.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(versions.length);
    const defaultRow = table.locator('tbody tr[aria-current="true"]');
    expect(await defaultRow.textContent()).toContain(`v${latest?.version_number}`);
    expect(await defaultRow.textContent()).toContain("default");

    await table.getByRole("button", { name: `Make v${first.version_number} the default` }).click();
    await expect
      .poll(async () => (await fixture.client.agents.get(agent.id)).default_version_id)
      .toBe(first.id);
    await expect.poll(() => defaultRow.textContent()).toContain(`v${first.version_number}`);
    await expect.poll(() => page.getByLabel("System prompt").inputValue()).toBe("First settings.");
    expect(problems).toEqual([]);
    await page.close();
  });
});
