import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumTestsRun } from "./internal/chromium.js";
import {
  ConsoleFixture,
  collectProblems,
  shownEventCount,
  signInWithKey,
} from "./internal/console-fixture.js";

const runHere = chromiumTestsRun("console tests");

const KEY = "console-test-key";
const fixture = new ConsoleFixture();

// Failed loads the tests cause on purpose (a wrong key, a spent token) are logged by Chromium.
const unexpected = (problems: string[]) =>
  problems.filter((problem) => !/status of 40[14]/.test(problem));

async function openSession(page: Page, sessionId: string): Promise<void> {
  await page.goto(`${fixture.server.url}/console#/sessions/${sessionId}`);
  await page.getByText("stream live").or(page.locator(".stream-live")).first().waitFor();
}

describe.runIf(runHere)("the dev console in headless Chromium", () => {
  const chromium = fixture.useWithChromium();

  it("refuses to load data without the token or the key", async () => {
    const page = await chromium.browser.context.newPage();
    const apiCalls: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/v1/")) apiCalls.push(request.url());
    });
    await page.goto(`${fixture.server.url}/console#/agents`);
    await page.getByLabel("API key").waitFor();
    expect(apiCalls).toEqual([]);

    await page.goto(`${fixture.server.url}/console?token=not-the-token#/agents`);
    await page.getByLabel("API key").waitFor();
    expect(page.url()).not.toContain("token");
    expect(apiCalls).toEqual([]);

    await page.getByLabel("API key").fill("wrong-key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("not valid for this dev server");
    await page.close();
  });

  it("signs in with the printed URL's one-time token and drops it from the address", async () => {
    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    await page.goto(fixture.server.consoleUrl);
    await page.getByRole("heading", { name: "Sessions" }).waitFor();
    expect(page.url()).toBe(`${fixture.server.url}/console#/sessions`);
    expect(await page.evaluate(() => sessionStorage.getItem("everruns-console:api-key"))).toBe(KEY);

    // The token's URL was replaced, not kept: one step back is the blank page before it.
    await page.goBack();
    expect(page.url()).toBe("about:blank");
    await page.goForward();
    await page.getByRole("heading", { name: "Sessions" }).waitFor();

    // The token is spent: opening the same URL again asks for the key.
    const second = await chromium.browser.context.newPage();
    await second.goto(fixture.server.consoleUrl);
    await second.getByLabel("API key").waitFor();
    expect(second.url()).not.toContain("token");
    await second.close();
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it("shows an agent and a session created through the API", async () => {
    const agent = await fixture.client.agents.create({
      name: "console-agent",
      system_prompt: "You answer questions about the console.",
    });
    await fixture.client.sessions.create({ agent_id: agent.id, title: "Console smoke session" });
    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    await signInWithKey(page, fixture.server.url, KEY);

    await page.getByRole("link", { name: "Agents" }).click();
    await page.getByRole("button", { name: /console-agent/ }).click();
    await expect
      .poll(() => page.getByLabel("System prompt").inputValue())
      .toBe("You answer questions about the console.");

    await page.getByRole("link", { name: "Sessions" }).click();
    const row = page.getByRole("row", { name: /Console smoke session/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("console-agent");

    await page.getByLabel("Search sessions").fill("no such session");
    await page.getByText("No session matches.").waitFor();
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it("pins and unpins a session from the list", async () => {
    const session = await fixture.client.sessions.create({ title: "Worth keeping" });
    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    await signInWithKey(page, fixture.server.url, KEY);
    const pin = page.getByRole("button", { name: "Pin Worth keeping" });
    expect(await pin.getAttribute("aria-pressed")).toBe("false");

    await pin.click();
    await expect.poll(() => pin.getAttribute("aria-pressed")).toBe("true");
    expect((await fixture.client.sessions.get(session.id)).is_pinned).toBe(true);
    await pin.click();
    await expect.poll(() => pin.getAttribute("aria-pressed")).toBe("false");
    expect((await fixture.client.sessions.get(session.id)).is_pinned).toBe(false);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it("edits an agent's prompt and creates an agent from the Agents page", async () => {
    const page = await chromium.browser.context.newPage();
    await signInWithKey(page, fixture.server.url, KEY);
    await page.getByRole("link", { name: "Agents" }).click();
    await page.getByPlaceholder("name").fill("made-in-console");
    await page.getByPlaceholder("system prompt").fill("First prompt.");
    await page.getByRole("button", { name: "Create agent" }).click();
    await expect.poll(() => page.getByLabel("System prompt").inputValue()).toBe("First prompt.");
    await page.getByLabel("System prompt").fill("Second prompt.");
    await page.getByRole("button", { name: "Save prompt" }).click();
    await page.getByText("Saved.").waitFor();

    const stored = (await fixture.client.agents.list({ limit: 100 })).data.find(
      (agent) => agent.name === "made-in-console",
    );
    expect(stored?.system_prompt).toBe("Second prompt.");
    await page.close();
  });

  it("follows a turn live as it streams, then shows the whole reply", async () => {
    const session = await fixture.client.sessions.create({ title: "Live turn" });
    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    await signInWithKey(page, fixture.server.url, KEY);
    await openSession(page, session.id);

    // [simulate:slow] streams 40+ deltas 150 ms apart: time enough to see it in flight.
    await fixture.client.messages.create(session.id, "Follow me live [simulate:slow]");
    await page.locator('article[aria-busy="true"]').waitFor();
    const midway = await page.locator('article[data-kind="agent"]').textContent();
    await page
      .locator('article[data-kind="agent"][aria-busy="false"]')
      .waitFor({ timeout: 30_000 });
    const done = (await page.locator('article[data-kind="agent"]').textContent()) ?? "";
    expect(done).toContain('You asked: "Follow me live"');
    expect(done.length).toBeGreaterThan(midway?.length ?? 0);

    const stored = await fixture.client.events.list(session.id);
    await expect.poll(() => shownEventCount(page)).toBe(stored.total);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it("sends a message from the box and shows its reply", async () => {
    const session = await fixture.client.sessions.create({ title: "Message box" });
    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    await signInWithKey(page, fixture.server.url, KEY);
    await openSession(page, session.id);

    await page.getByLabel("Message").fill("Hello from the message box");
    await page.getByRole("button", { name: "Send" }).click();
    await page
      .locator('article[data-kind="user"]', { hasText: "Hello from the message box" })
      .waitFor();
    await page
      .locator('article[data-kind="agent"][aria-busy="false"]', {
        hasText: 'You asked: "Hello from the message box"',
      })
      .waitFor();
    const messages = (await fixture.client.messages.list(session.id)).data;
    expect(messages.map((message) => message.role)).toEqual(["user", "agent"]);
    expect(await page.getByLabel("Message").inputValue()).toBe("");
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it("filters the timeline by type and expands an event as JSON", async () => {
    const session = await fixture.client.sessions.create({ title: "Timeline" });
    const page = await chromium.browser.context.newPage();
    await signInWithKey(page, fixture.server.url, KEY);
    await fixture.client.messages.create(session.id, "One turn please");
    await openSession(page, session.id);
    await page.locator('article[data-kind="agent"][aria-busy="false"]').waitFor();

    await page.getByRole("button", { name: /^turn\.completed/ }).click();
    const rows = page.getByRole("list", { name: "Events" }).locator("li");
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole("button").click();
    const completed = (await fixture.client.events.list(session.id, { types: ["turn.completed"] }))
      .data[0];
    const json = (await rows.first().locator("pre").textContent()) ?? "";
    expect(JSON.parse(json)).toEqual(completed);
    await page.close();
  });

  it("survives a dev-server restart: reconnects and resumes without duplicate events", async () => {
    const session = await fixture.client.sessions.create({ title: "Restart" });
    await fixture.client.messages.create(session.id, "Before the restart");
    const page = await chromium.browser.context.newPage();
    const problems = collectProblems(page);
    await signInWithKey(page, fixture.server.url, KEY);
    await openSession(page, session.id);
    await page.locator('article[data-kind="agent"][aria-busy="false"]').waitFor();
    const before = await shownEventCount(page);

    // The page must notice the drop (its stream waits out a backoff before reconnecting).
    const sawReconnecting = page.locator(".stream-reconnecting").waitFor({ timeout: 30_000 });
    await fixture.restart();
    await sawReconnecting;
    await page.locator(".stream-live").waitFor({ timeout: 30_000 });
    await fixture.client.messages.create(session.id, "After the restart");
    await page
      .locator('article[data-kind="agent"]', { hasText: 'You asked: "After the restart"' })
      .waitFor({ timeout: 30_000 });

    const stored = await fixture.client.events.list(session.id);
    await expect.poll(() => shownEventCount(page)).toBe(stored.total);
    expect(stored.total).toBeGreaterThan(before);
    expect(await page.locator('article[data-kind="user"]').count()).toBe(2);
    // The dropped connection shows as failed loads; nothing else may go wrong.
    expect(
      unexpected(problems).filter((problem) => !/ERR_(CONNECTION|EMPTY|INCOMPLETE)/.test(problem)),
    ).toEqual([]);
    await page.close();
  }, 60_000);

  it("renders a session of 10,000 events with only the visible rows in the page", async () => {
    const session = await fixture.client.sessions.create({ title: "Ten thousand events" });
    // Twenty turns of 500 deltas: every delta carries the whole text so far, so fewer, longer
    // turns would make the session hundreds of megabytes.
    for (let turn = 0; turn < 20; turn++) {
      await fixture.client.messages.create(session.id, "[simulate:deltas=500]");
      await waitForIdle(session.id);
    }
    const stored = await (await fixture.client.events.list(session.id)).toArray();
    expect(stored.length).toBeGreaterThanOrEqual(10_000);

    const page = await chromium.browser.context.newPage();
    await signInWithKey(page, fixture.server.url, KEY);
    const started = Date.now();
    await page.goto(`${fixture.server.url}/console#/sessions/${session.id}`);
    await expect.poll(() => shownEventCount(page), { timeout: 60_000 }).toBe(stored.length);
    console.info(`10k-event session: ${stored.length} events shown in ${Date.now() - started} ms`);

    const rows = page.getByRole("list", { name: "Events" }).locator("li");
    expect(await rows.count()).toBeLessThan(100);
    // Following the tail: the last event is in view.
    await page.getByRole("list", { name: "Events" }).getByText("turn.completed").last().waitFor();
    await page.close();
  }, 240_000);
});

async function waitForIdle(sessionId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const session = await fixture.client.sessions.get(sessionId);
    if (session.status === "idle") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`session ${sessionId} never became idle`);
}
