import { APIRequestContext } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";

// The team page as a leader meets it after two meetings: every agreed action on one board,
// overdue ones marked, filters, a change of status that is saved and recorded, and the pillar
// balance pointing at the pillar the team has worked with least.

async function team(request: APIRequestContext) {
  const started = await request.post("/ny", {
    form: { team: "Børnehuset Solsikken", titel: "Personalemøde i november", skabelon: "personalemoede-fem-soejler" },
    maxRedirects: 0,
  });
  const [, first, key] = started.headers()["location"].match(/\/m\/([A-Z2-9]{6})\/styring\?k=([0-9a-f]{32})/)!;
  const host = (code: string, command: object) =>
    request.post(`/api/m/${code}/commands`, { data: { id: crypto.randomUUID(), command }, headers: { "x-samraad-key": key } });
  const record = async (code: string, step: number, what: string, owner: string, due: string | null) => {
    expect((await host(code, { type: "go_to", step, phase: "agree" })).status()).toBe(200);
    const action = { type: "record_action", action: crypto.randomUUID(), what, owner, due };
    expect((await host(code, action)).status()).toBe(200);
  };
  await record(first, 1, "Skriv vores fælles værdier op på tavlen i personalerummet", "Ledelsen", "2026-01-12");
  await record(first, 2, "Forældrekaffe hver anden fredag", "Stuepædagogerne", "2099-03-01");
  const next = await request.post("/ny", {
    form: { team: "", titel: "Personalemøde i december", skabelon: "egne", spoergsmaal: "Hvad lykkedes?", k: key },
    maxRedirects: 0,
  });
  const [, second] = next.headers()["location"].match(/\/m\/([A-Z2-9]{6})\//)!;
  await record(second, 0, "Fortæl om julefrokosten i Aula", "Mette", null);
  return key;
}

test("the team's actions on one board: filter, change, record, balance", async ({ page, request }, testInfo) => {
  const key = await team(request);
  await page.goto(`/team?k=${key}`);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Børnehuset Solsikken");
  const board = page.getByRole("region", { name: "Aftaler" });
  await expect(board.getByRole("status").first()).toHaveText("3 aftaler vises · 1 er overskredet");
  const items = board.locator(".board-item");
  await expect(items).toHaveCount(3);
  // Overdue first, then by due date, no date last.
  await expect(items.nth(0)).toContainText("Skriv vores fælles værdier op");
  await expect(items.nth(0)).toContainText("Overskredet");
  await expect(items.nth(0)).toContainText("Fra Personalemøde i november");
  await expect(items.nth(2)).toContainText("Ingen frist");

  // Filter by owner (on a phone the filters fold behind "Filtrér").
  const fold = board.locator("summary", { hasText: "Filtrér" });
  if (await fold.isVisible()) await fold.click();
  await board.getByLabel("Ansvarlig", { exact: true }).first().selectOption("Mette");
  await board.getByRole("button", { name: "Vis" }).click();
  await expect(page).toHaveURL(/ansvarlig=Mette/);
  await expect(page.locator(".board-item")).toHaveCount(1);
  await page.getByRole("link", { name: "Nulstil" }).click();
  await expect(page.locator(".board-item")).toHaveCount(3);

  // Mark the overdue one done: saved, shown with what happened, recorded.
  const overdue = page.locator(".board-item").first();
  await overdue.getByText("Ret status, ansvarlig eller frist").click();
  await overdue.getByLabel("Status").selectOption("done");
  await overdue.getByRole("button", { name: "Gem" }).click();
  const saved = page.locator(".board-item[data-status=done]");
  await expect(saved).toContainText("Gemt.");
  await expect(saved.locator(".status-badge")).toHaveText("Udført");
  await expect(saved).toContainText(/med teamets nøgle: Status: Udført/);
  await page.goto(`/team?k=${key}`);
  await expect(page.locator(".board-item")).toHaveCount(2);
  await expect(page.getByRole("region", { name: "Aftaler" }).getByRole("status").first()).toHaveText("2 aftaler vises");

  // The balance: six rows, the least-worked pillar named with a way into the library.
  const balance = page.getByRole("region", { name: "Søjlerne på de seneste møder" });
  await expect(balance.locator(".balance-row")).toHaveCount(6);
  await expect(balance.locator(".balance-least")).toContainText("I har arbejdet mindst med");
  await expect(balance.getByRole("link", { name: "Find tekster til den søjle i biblioteket" })).toHaveAttribute("href", /\/bibliotek\?soejle=/);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("team-board.png"), fullPage: true });
});

test("the board works without JavaScript", async ({ browser, request, baseURL }) => {
  const key = await team(request);
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(`/team?k=${key}`);
  const item = page.locator(".board-item").nth(2);
  await item.getByText("Ret status, ansvarlig eller frist").click();
  await item.getByLabel("Ansvarlig").fill("Hele huset");
  await item.getByLabel("Frist").fill("2099-12-24");
  await item.getByRole("button", { name: "Gem" }).click();
  const changed = page.locator(".board-item", { hasText: "Fortæl om julefrokosten i Aula" });
  await expect(changed).toContainText("Gemt.");
  await expect(changed).toContainText("Hele huset");
  await expect(changed).toContainText("Frist 24. december 2099");
  await context.close();
});

test.describe("a wrong key", () => {
  test.use({ expectedConsoleErrors: [/status of 403/] });
  test("opens nothing", async ({ page }) => {
  const response = await page.goto("/team?k=0123456789abcdef0123456789abcdef");
  expect(response!.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(".board-item")).toHaveCount(0);
  });
});

test("the team chooses how many days answers are kept", async ({ page, request }) => {
  const key = await team(request);
  await page.goto(`/team?k=${key}`);
  await waitForHydration(page);
  const retention = page.getByRole("region", { name: "Hvor længe svarene gemmes" });
  await expect(retention).toContainText("slettes 30 dage efter mødet");
  await retention.getByLabel("Dage efter mødet (1–365)").fill("7");
  await retention.getByRole("button", { name: "Gem antal dage" }).click();
  await expect(page.getByRole("region", { name: "Hvor længe svarene gemmes" }).getByRole("status")).toHaveText(
    "Gemt. Svarene slettes nu 7 dage efter hvert møde.",
  );
  await expect(page.getByRole("region", { name: "Hvor længe svarene gemmes" })).toContainText("slettes 7 dage efter mødet");
});

test("the team's data goes out as a file and comes back in as a new team", async ({ page, request }) => {
  const key = await team(request);
  await page.goto(`/team?k=${key}`);
  await waitForHydration(page);
  const section = page.getByRole("region", { name: "Teamets data som fil" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("link", { name: "Hent teamets data (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^samraad-boernehuset-solsikken-\d{4}-\d{2}-\d{2}-team\.json$/);
  const path = (await download.path())!;

  await page.goto("/ny");
  await waitForHydration(page);
  const importing = page.getByRole("region", { name: "Flyt et team hertil" });
  await importing.getByLabel("Teamets fil (.json)").setInputFiles(path);
  await importing.getByRole("button", { name: "Hent teamet ind" }).click();
  await expect(page.getByText("Teamet er hentet ind med 2 møder.")).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(key));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Børnehuset Solsikken");
  await expect(page.locator(".board-item")).toHaveCount(3);
});

test("a meeting and then the whole team are deleted, once confirmed", async ({ page, request }) => {
  const key = await team(request);
  await page.goto(`/team?k=${key}`);
  await waitForHydration(page);
  const meetings = page.getByRole("region", { name: "Teamets møder" });
  const december = meetings.getByRole("listitem").filter({ hasText: "Personalemøde i december" });
  await december.getByText("Slet mødet").first().click();
  await december.getByLabel("Ja, slet mødet »Personalemøde i december« med alle svar, prikker og aftaler.").check();
  await december.getByRole("button", { name: "Slet mødet" }).click();
  await expect(page.getByRole("region", { name: "Teamets møder" }).getByRole("status")).toHaveText(
    "Mødet er slettet med alle svar (0) og aftaler (1).",
  );
  await expect(page.getByRole("region", { name: "Teamets møder" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.locator(".board-item")).toHaveCount(2);

  const deletion = page.getByRole("region", { name: "Slet data" });
  await deletion.getByText("Slet hele teamet").first().click();
  await deletion.getByLabel(/^Ja, slet teamet »Børnehuset Solsikken«/).check();
  await deletion.getByRole("button", { name: "Slet hele teamet" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Teamet »Børnehuset Solsikken« er slettet med alle møder (1), svar (0) og aftaler (2). Linket med teamets nøgle virker ikke længere.",
  );
});

test("the privacy page says what is stored, in Danish and English", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Privatliv" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privatliv");
  await expect(page.getByText("Ingen – heller ikke mødelederen – kan se, hvem der skrev et svar")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.goto("/sprog/en?til=/privatliv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacy");
});
