import AxeBuilder from "@axe-core/playwright";
import { Page } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";

// A leader composes an agenda before the meeting: texts from the library, an own question,
// a reworded copy, a new order; then starts the meeting with it. Desktop only: composing is
// the leader's laptop work (the library on a phone is tested in library.spec.ts).

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test.describe("composing an agenda", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "the leader composes on a laptop");
  });

  test("pick texts from the library, reword, reorder, add a question and start", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/ny");
    await waitForHydration(page);
    await page.getByLabel("Teamets navn").fill("Børnehuset Solsikken – personale");
    await page.getByLabel("Mødets titel").fill("Personalemøde i december");
    await page.getByLabel("Egne spørgsmål").check();
    await page.getByRole("button", { name: "Tilpas dagsordenen først" }).click();
    // What was typed stays on the server: the composer's address is only the draft's link.
    await expect(page).toHaveURL(/\/ny\/dagsorden\/[0-9a-f]{32}$/);
    await waitForHydration(page);
    await expect(page.getByText("Dagsordenen er tom")).toBeVisible();

    // The library, filtered by a pillar, with an add button on every text.
    await page.getByRole("link", { name: "Tilføj tekster fra biblioteket" }).click();
    await waitForHydration(page);
    await expect(page.getByText("Du sammensætter en dagsorden (0 punkter)")).toBeVisible();
    await page.getByLabel("Søjle").selectOption({ label: "Samarbejde" });
    await expect(page).toHaveURL(/soejle=collaboration/);
    const cards = page.locator(".item-card");
    const firstText = (await cards.nth(0).locator(".item-text").textContent())!.trim();
    const secondText = (await cards.nth(1).locator(".item-text").textContent())!.trim();
    await cards.nth(0).getByRole("button", { name: "Tilføj" }).click();
    await expect(page).toHaveURL(/soejle=collaboration/);
    await expect(page.locator(".item-card").nth(0).getByText("✓ På dagsordenen")).toBeVisible();
    await waitForHydration(page);
    await page.locator(".item-card").nth(1).getByRole("button", { name: "Tilføj" }).click();
    await expect(page.getByText("Du sammensætter en dagsorden (2 punkter)")).toBeVisible();
    await expectNoSeriousViolations(page);
    await page.getByRole("link", { name: "Tilbage til dagsordenen" }).click();

    // Two steps, in the order they were picked, each with its source.
    await waitForHydration(page);
    const steps = page.locator(".draft-step");
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0).locator("textarea")).toHaveValue(firstText);
    await expect(steps.nth(0).locator(".question-source")).toContainText("Kilde:");

    // Reword the first copy; the source stays, marked as adapted.
    const reworded = "Hvordan samarbejder vi med forældrene om det, børnene lærer hos os?";
    await steps.nth(0).locator("textarea").fill(reworded);
    await steps.nth(0).getByRole("button", { name: "Gem ordlyden" }).click();
    await expect(steps.nth(0).locator("textarea")).toHaveValue(reworded);
    await expect(steps.nth(0).getByText("ordlyden er tilpasset")).toBeVisible();

    // Move the second up, and add an own question at the end.
    await steps.nth(1).getByRole("button", { name: "Flyt op: punkt 2" }).click();
    await expect(steps.nth(0).locator("textarea")).toHaveValue(secondText);
    const own = "Hvad tager vi med til næste møde?";
    await page.getByLabel("Eget spørgsmål").fill(own);
    await page.getByRole("button", { name: "Tilføj spørgsmålet" }).click();
    await expect(steps).toHaveCount(3);
    await expect(steps.nth(2).locator("textarea")).toHaveValue(own);

    // A refused edit says why and keeps what was typed.
    await steps.nth(2).locator("textarea").fill("Barnet med cpr 010190-1234?");
    await steps.nth(2).getByRole("button", { name: "Gem ordlyden" }).click();
    await expect(page.locator("#punkt-3").getByRole("alert")).toContainText("CPR");
    await expect(page.locator("#punkt-3 textarea")).toHaveValue("Barnet med cpr 010190-1234?");
    await expectNoSeriousViolations(page);

    // Start: the team and title came along from /ny.
    await expect(page.getByLabel("Teamets navn")).toHaveValue("Børnehuset Solsikken – personale");
    await page.getByRole("button", { name: "Start mødet" }).click();
    await expect(page).toHaveURL(/\/m\/[A-Z2-9]{6}\/styring\?k=[0-9a-f]{32}&ny=1$/);
    await waitForHydration(page);
    await expect(page.locator(".agenda-list li")).toHaveCount(3);
    // A statement is shown as a quote with the question that goes with it; a question as itself.
    await expect(page.locator(".question-block").first()).toContainText(secondText);
    await page.locator(".agenda-list li").nth(1).getByRole("button").click();
    await expect(page.locator(".question-block").first()).toContainText(reworded);
  });

  test("without JavaScript a template is adapted and started", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "da-DK" });
    const page = await context.newPage();
    await page.goto("/skabeloner/godt-paa-vej");
    await page.getByRole("button", { name: "Tilpas skabelonen" }).click();
    await expect(page).toHaveURL(/\/ny\/dagsorden\/[0-9a-f]{32}/);
    const steps = page.locator(".draft-step");
    const count = await steps.count();
    expect(count).toBeGreaterThan(1);
    const secondTheme = await steps.nth(1).locator(".draft-theme").textContent();
    await steps.nth(0).getByRole("button", { name: "Fjern punkt 1" }).click();
    await expect(steps).toHaveCount(count - 1);
    await expect(steps.nth(0).locator(".draft-theme")).toHaveText(secondTheme!);
    await page.getByLabel("Teamets navn").fill("Skolebestyrelsen");
    await page.getByLabel("Mødets titel").fill("Bestyrelsesmøde");
    await page.getByRole("button", { name: "Start mødet" }).click();
    await expect(page).toHaveURL(/\/m\/[A-Z2-9]{6}\/styring\?k=/);
    await expect(page.locator(".agenda-list li")).toHaveCount(count - 1);
    await context.close();
  });
});
