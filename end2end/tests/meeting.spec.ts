import AxeBuilder from "@axe-core/playwright";
import { Page } from "@playwright/test";
import { test, expect, joinPhone, PHONE, waitForHydration } from "./fixtures";

// A whole meeting, as the people in the room live it: a leader's laptop with the console and
// the screen, and three phones. Runs once (desktop project); the phones get phone viewports.

async function startMeeting(page: Page, question: string) {
  await page.goto("/ny");
  await page.getByLabel("Teamets navn").fill("Børnehuset Solsikken – personale");
  await page.getByLabel("Mødets titel").fill("Personalemøde i november");
  await page.getByLabel("Egne spørgsmål").check();
  await page.getByLabel("Spørgsmål", { exact: true }).fill(question);
  await page.getByRole("button", { name: "Start mødet" }).click();
  await expect(page).toHaveURL(/\/m\/[A-Z2-9]{6}\/styring\?k=[0-9a-f]{32}&ny=1$/);
  await waitForHydration(page);
  const code = (await page.locator(".console-code strong").textContent())!.trim();
  const hostKey = new URL(page.url()).searchParams.get("k")!;
  return { code, hostKey };
}


async function next(console_: Page) {
  await console_.getByRole("button", { name: /^Næste/ }).click();
}

test.describe("a live meeting", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "one run is enough: the phones are their own contexts");
  });

  test("host, screen and three phones go through a theme to an action and the summary", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const { code } = await startMeeting(page, "Hvad lykkedes for børnene i denne uge?");
    await expect(page.getByRole("heading", { name: "Gem dette link" })).toBeVisible();

    const screenUrl = await page.getByRole("link", { name: "Åbn storskærmen" }).getAttribute("href");
    const screen = await page.context().newPage();
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await screen.goto(screenUrl!);
    await waitForHydration(screen);
    await expect(screen.locator(".join-code")).toHaveText(code);
    await expect(screen.locator(".qr svg")).toBeVisible();

    const phones = [await joinPhone(browser, code), await joinPhone(browser, code), await joinPhone(browser, code)];
    await expect(page.locator('[data-count="joined"]')).toHaveText("3");

    await next(page); // reflect
    const answers = ["Vi fik tid til samtaler", "Legepladsen var et hit", "Mere ro ved frokosten"];
    for (const [i, { phone }] of phones.entries()) {
      const field = phone.getByLabel("Skriv dit svar");
      await expect(field).toBeVisible(); // the phone followed the host live
      await expect(field).toHaveAttribute("maxlength", "500"); // what the counter allows
      await field.fill(answers[i]);
      await phone.getByRole("button", { name: "Send svar" }).click();
      await expect(phone.locator(".answer-list.mine")).toContainText(answers[i]);
      await expect(field).toHaveValue("");
    }
    await expect(page.locator('[data-count="answered"]')).toHaveText("3");
    await expect(screen.locator(".screen-count")).toHaveText("3 af 3 har svaret");
    await expect(screen.getByText(answers[0])).toHaveCount(0); // not before the reveal

    await next(page); // reveal
    await expect(screen.locator(".answer-card")).toHaveCount(3);
    await next(page); // sort
    await page.getByLabel(answers[0]).check();
    await page.getByLabel(answers[2]).check();
    await page.getByLabel("Titel på gruppen af de valgte svar").fill("Tid og ro");
    await page.getByRole("button", { name: "Saml i en gruppe" }).click();
    await expect(screen.locator(".card-title")).toHaveText("Tid og ro");
    await expect(screen.locator(".answer-card")).toHaveCount(2);

    await next(page); // vote
    // The host gives everyone one more dot.
    await page.getByText("3 prikker pr. person, højst 2 på samme svar").click();
    await page.getByLabel("Prikker pr. person", { exact: true }).fill("4");
    await page.getByLabel("Højst pr. svar").fill("3");
    await page.getByRole("button", { name: "Gem afstemningsregler" }).click();
    await expect(page.getByText("4 prikker pr. person, højst 3 på samme svar")).toBeVisible();
    for (const { phone } of phones) {
      const group = phone.locator(".vote-card").filter({ hasText: "Tid og ro" });
      await group.getByRole("button", { name: "Sæt en prik" }).click();
      await expect(group.locator(".my-dots")).toHaveText("●");
      await group.getByRole("button", { name: "Sæt en prik" }).click();
      await expect(group.locator(".my-dots")).toHaveText("●●");
    }
    await expect(phones[0].phone.getByText("2 prikker tilbage af 4")).toBeVisible();
    // With every dot placed, no "+" is offered any more, though each answer could take one
    // more (at most 3 per answer).
    const other = phones[0].phone.locator(".vote-card").filter({ hasText: answers[1] });
    await other.getByRole("button", { name: "Sæt en prik" }).click();
    await expect(other.locator(".my-dots")).toHaveText("●");
    await other.getByRole("button", { name: "Sæt en prik" }).click();
    await expect(phones[0].phone.getByText("0 prikker tilbage af 4")).toBeVisible();
    for (const plus of await phones[0].phone.getByRole("button", { name: "Sæt en prik" }).all()) {
      await expect(plus).toBeDisabled();
    }
    await expect(page.locator('[data-count="voted"]')).toHaveText("3");

    await next(page); // agree
    await expect(screen.locator(".ranking .rank-row").first()).toContainText("Tid og ro");
    await expect(screen.locator(".ranking .rank-dots").first()).toHaveText("6 prikker");
    await page.getByLabel("Hvad aftaler vi?").fill("Fast samtaletid hver fredag");
    await page.getByLabel("Ansvarlig (en person eller en rolle)").fill("Stuepædagogerne");
    await page.getByLabel("Frist").fill("2026-12-18");
    await page.getByRole("button", { name: "Gem aftalen" }).click();
    await expect(screen.locator(".action-item")).toContainText("Fast samtaletid hver fredag");
    await expect(phones[1].phone.locator(".action-item")).toContainText("Stuepædagogerne");
    // On a phone the agreed actions come first, above the ranking (a long list with many answers).
    await expect(phones[1].phone.locator("section.actions, ol.ranking").first()).toHaveClass(/actions/);

    await page.getByRole("button", { name: "Afslut mødet" }).click();
    await expect(screen.getByRole("heading", { name: "Mødet er slut" })).toBeVisible();
    // Every phone ends with what was agreed, the date as people write it.
    for (const { phone } of phones) {
      await expect(phone.locator(".agreed .action-item")).toContainText("Fast samtaletid hver fredag");
      await expect(phone.locator(".agreed .action-item")).toContainText("Frist: 18. december 2026");
    }
    // A phone opens what the room saw: the answers, the ranking and the action.
    const reader = phones[2].phone;
    await reader.getByRole("link", { name: "Se hele mødet" }).click();
    await expect(reader).toHaveURL(/\/overblik$/);
    await expect(reader.locator(".summary-step")).toContainText("Legepladsen var et hit");
    await expect(reader.locator(".summary-step")).toContainText("Fast samtaletid hver fredag");
    // Back from the record (a site page, in the site's router) to the phone's page, which is
    // always loaded from the server with the phone's own bundle, and is live again.
    await waitForHydration(reader);
    await reader.getByRole("link", { name: "Tilbage til mødet" }).click();
    await expect(reader).toHaveURL(/\/m\/[A-Z2-9]{6}$/);
    await expect(reader.locator('script[src*="/pkg/samraad-phone."], link[href*="/pkg/samraad-phone."]').first()).toBeAttached();
    await waitForHydration(reader);
    await expect(reader.locator(".agreed .action-item")).toContainText("Fast samtaletid hver fredag");
    await page.getByRole("link", { name: "Referat af mødet" }).click();
    await expect(page.getByRole("heading", { name: "Personalemøde i november" })).toBeVisible();
    await expect(page.locator(".summary-step")).toContainText("Legepladsen var et hit");
    await expect(page.locator(".summary-step")).toContainText("Fast samtaletid hver fredag");

    // The host reopens the step from the record: the meeting is back at its actions.
    await waitForHydration(page);
    await page.getByRole("button", { name: "Genåbn punkt 1" }).click();
    await expect(page).toHaveURL(/\/styring\?k=/);
    await expect(page.locator(".phase-track li.current")).toHaveText("Aftaler");
    await expect(screen.getByRole("heading", { name: "Mødet er slut" })).toHaveCount(0);

    for (const { errors, context } of phones) {
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test("a phone without JavaScript joins, answers and is told what was wrong", async ({ page, browser }) => {
    test.setTimeout(75_000); // two self-reloads of 15 s
    const { code } = await startMeeting(page, "Hvad vil vi gøre anderledes?");
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const phone = await context.newPage();
    await phone.goto(`/m/${code}`);
    await phone.getByRole("button", { name: "Deltag" }).click();
    await expect(phone.getByText("Du er med!")).toBeVisible();
    await expect(phone.getByText("Kig op på skærmen")).toBeVisible();
    await next(page);
    await expect(page.locator(".phase-track li.current")).toHaveText("Refleksion");
    // A waiting page without JavaScript reloads itself (every 15 s) and follows the meeting.
    await expect(phone.getByLabel("Skriv dit svar")).toBeVisible({ timeout: 20_000 });
    await phone.getByLabel("Skriv dit svar").fill("Min søns cpr er 010203-1234");
    await phone.getByRole("button", { name: "Send svar" }).click();
    await expect(phone.getByText("Det ligner et CPR-nummer")).toBeVisible();
    await expect(phone.getByLabel("Skriv dit svar")).toHaveValue("Min søns cpr er 010203-1234");
    await phone.getByLabel("Skriv dit svar").fill("Færre skift i løbet af dagen");
    await phone.getByRole("button", { name: "Send svar" }).click();
    await expect(phone.locator(".answer-list.mine")).toContainText("Færre skift i løbet af dagen");
    await expect(page.locator('[data-count="answers"]')).toHaveText("1");
    // The refused answer's message does not follow the phone into the next phase.
    // While people write, the page does not reload itself (it would lose what is typed):
    // "Opdatér" follows the meeting.
    await next(page);
    await expect(page.locator(".phase-track li.current")).toHaveText("Svarene vises");
    await phone.getByRole("link", { name: "Opdatér" }).click();
    await expect(phone.getByText("Svarene vises nu på skærmen")).toBeVisible();
    await expect(phone.getByText("Det ligner et CPR-nummer")).toHaveCount(0);
    expect(new URL(phone.url()).search).toBe("");
    await context.close();
  });

  test("the screen follows a presentation clicker when opened with the host's key", async ({ page }) => {
    const { code, hostKey } = await startMeeting(page, "Hvad er vi stolte af?");
    const screen = await page.context().newPage();
    await screen.goto(`/m/${code}/skaerm?k=${hostKey}`);
    await waitForHydration(screen);
    await expect(screen.locator(".screen-bar")).toContainText("Intro");
    await screen.keyboard.press("PageDown");
    await expect(screen.locator(".screen-bar")).toContainText("Refleksion");
    await expect(page.locator("#phase-heading")).toContainText("Refleksion");
    await screen.keyboard.press("ArrowLeft");
    await expect(screen.locator(".screen-bar")).toContainText("Intro");
    await screen.keyboard.press("q");
    await expect(screen.locator(".join-panel")).toBeHidden();
    await screen.keyboard.press("q");
    await expect(screen.locator(".join-panel")).toBeVisible();
  });

  test("every meeting view has no serious accessibility violations", async ({ page, browser }) => {
    const { code, hostKey } = await startMeeting(page, "Hvad er vigtigst for børnene?");
    const views = [`/ny`, `/m/${code}/styring?k=${hostKey}`, `/m/${code}/skaerm?k=${hostKey}`, `/m/${code}/referat?k=${hostKey}`];
    const { phone, context } = await joinPhone(browser, code);
    for (const path of views) {
      await page.goto(path);
      await waitForHydration(page);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${path} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    }
    const results = await new AxeBuilder({ page: phone }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `phone ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await context.close();
  });
});
