import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { launchChromium } from "./internal/chromium.js";
import { ConsoleFixture, signInWithKey } from "./internal/console-fixture.js";

const DOCS = fileURLToPath(new URL("../../../packages/dev-server/docs/", import.meta.url));

// Seeds a fresh dev server with a little of everything, then photographs the main views.
it("regenerates the dev console screenshots", async () => {
  const fixture = new ConsoleFixture();
  await fixture.start();
  const browser = await launchChromium();
  try {
    const { client } = fixture;
    const agent = await client.agents.create({
      name: "travel-helper",
      display_name: "Travel helper",
      system_prompt: "You help people plan short trips. Answer with short bullet lists.",
    });
    // Two versions: one saved by hand, one saved by the prompt edit after it.
    await client.agents.versions.create(agent.id, { summary: "First trip planner" });
    await client.agents.update(agent.id, {
      system_prompt:
        "You help people plan short trips. Answer with short bullet lists, cheapest options first.",
    });
    await client.agents.create({
      name: "release-notes",
      system_prompt: "You turn merged pull requests into release notes.",
    });
    for (const title of ["Weekend in Porto", "Release notes for 0.2"]) {
      const other = await client.sessions.create({ agent_id: agent.id, title });
      await client.messages.create(other.id, `Start: ${title}`);
    }
    const session = await client.sessions.create({
      agent_id: agent.id,
      title: "A week in Lisbon",
      initial_files: [
        {
          path: "trip/itinerary.md",
          content: "# Lisbon\n\n- Day 1: Alfama and the castle\n- Day 2: Belém\n- Day 3: Sintra\n",
        },
        { path: "trip/budget.csv", content: "item,eur\nflights,180\nhotel,560\nfood,210\n" },
      ],
    });
    await client.messages.create(
      session.id,
      "[simulate:think] What should I pack for a week in Lisbon?",
    );
    await waitForIdle(fixture, session.id);
    await client.messages.create(
      session.id,
      "And which neighbourhood should I stay in? [simulate:write=trip/neighbourhoods.md]",
    );
    await waitForIdle(fixture, session.id);

    await mkdir(DOCS, { recursive: true });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 760 });
    await signInWithKey(page, fixture.server.url, "console-test-key");
    await page.getByRole("row", { name: /A week in Lisbon/ }).waitFor();
    await page.screenshot({ path: `${DOCS}console-sessions.png` });

    await page.getByRole("link", { name: "Agents" }).click();
    await page.getByRole("button", { name: /Travel helper/ }).click();
    await page.getByLabel("System prompt").waitFor();
    await page.screenshot({ path: `${DOCS}console-agents.png` });

    await page.goto(`${fixture.server.url}/console#/sessions/${session.id}`);
    await page.locator(".stream-live").waitFor();
    await page.locator('details[data-kind="thinking"] summary').click();
    await page.getByRole("button", { name: /^turn\.completed/ }).click();
    await page.getByRole("list", { name: "Events" }).locator("li button").first().click();
    await page.screenshot({ path: `${DOCS}console-session.png` });

    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${DOCS}console-session-dark.png` });
    expect(await page.locator('article[data-kind="agent"]').count()).toBe(2);

    await page.emulateMedia({ colorScheme: "light" });
    await page.getByRole("tab", { name: /^Files/ }).click();
    await page
      .getByRole("list", { name: "Workspace files" })
      .getByRole("button", { name: /^neighbourhoods\.md/ })
      .click();
    await page
      .getByRole("region", { name: "File /trip/neighbourhoods.md" })
      .locator("pre")
      .waitFor();
    await page.screenshot({ path: `${DOCS}console-files.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${DOCS}console-files-dark.png` });
  } finally {
    await browser.close();
    await fixture.stop();
  }
});

async function waitForIdle(fixture: ConsoleFixture, sessionId: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await fixture.client.sessions.get(sessionId)).status === "idle") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`session ${sessionId} never became idle`);
}
