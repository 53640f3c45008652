import { APIRequestContext } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";

// Following up at the next meeting, as a team meets it: the leader starts the next meeting
// with "Start med opfølgning"; the projector shows last time's open actions one at a time; a
// phone answers "Udført"; the leader sets the status on the console; the team's board has it.

async function firstMeeting(request: APIRequestContext) {
  const started = await request.post("/ny", {
    form: { team: "Børnehuset Solsikken", titel: "Personalemøde i november", skabelon: "egne", spoergsmaal: "Hvad lykkedes?" },
    maxRedirects: 0,
  });
  const [, code, key] = started.headers()["location"].match(/\/m\/([A-Z2-9]{6})\/styring\?k=([0-9a-f]{32})/)!;
  const host = (command: object) =>
    request.post(`/api/m/${code}/commands`, { data: { id: crypto.randomUUID(), command }, headers: { "x-samraad-key": key } });
  expect((await host({ type: "go_to", step: 0, phase: "agree" })).status()).toBe(200);
  for (const [what, due] of [["Nyt ugeskema med billeder", "2099-03-01"], ["Forældrekaffe hver anden fredag", null]]) {
    expect((await host({ type: "record_action", action: crypto.randomUUID(), what, owner: "Stuepædagogerne", due })).status()).toBe(200);
  }
  return key;
}

test("the next meeting follows up last time's actions, and the board follows", async ({ page, browser, request }) => {
  const key = await firstMeeting(request);
  await page.goto(`/ny?k=${key}`);
  await waitForHydration(page);
  await page.getByLabel("Mødets titel").fill("Personalemøde i december");
  await expect(page.getByLabel(/^Start med opfølgning/)).toBeChecked();
  await page.getByLabel("Spørgsmål", { exact: true }).fill("Hvad tager vi med?");
  await page.getByRole("button", { name: "Start mødet" }).click();
  await expect(page).toHaveURL(/\/styring\?k=/);
  await waitForHydration(page);
  const code = page.url().match(/\/m\/([A-Z2-9]{6})\//)![1];

  const console_ = page;
  const controls = console_.getByRole("region", { name: "Opfølgning på aftaler" });
  await expect(controls.getByRole("listitem")).toHaveCount(2);
  await console_.getByRole("button", { name: /^Næste/ }).click();
  await expect(controls.getByText("På skærmen nu")).toBeVisible();

  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(`/m/${code}`);
  await phone.getByRole("button", { name: "Deltag" }).click();
  await waitForHydration(phone);
  await expect(phone.getByText("Aftale 1 af 2")).toBeVisible();
  await expect(phone.getByText("Nyt ugeskema med billeder")).toBeVisible();
  await phone.getByRole("button", { name: "Udført" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Dit svar er talt med." })).toBeVisible();
  await expect(phone.getByRole("button", { name: "Udført" })).toHaveAttribute("aria-pressed", "true");
  const results = await new AxeBuilder({ page: phone }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await screen.goto(`/m/${code}/skaerm?k=${key}`);
  await waitForHydration(screen);
  await expect(screen.locator(".follow-up-card.large")).toContainText("Nyt ugeskema med billeder");
  await expect(screen.locator(".tally-row").first()).toContainText("Udført1");

  const first = controls.getByRole("listitem").filter({ hasText: "Nyt ugeskema med billeder" });
  await first.getByRole("button", { name: "Udført" }).click();
  await expect(first.getByText("sat på dette møde")).toBeVisible();
  await expect(screen.locator(".follow-up-card.large .status-badge")).toHaveText("Udført");
  const second = controls.getByRole("listitem").filter({ hasText: "Forældrekaffe" });
  await second.getByRole("button", { name: "Vis på skærmen" }).click();
  await expect(screen.locator(".follow-up-card.large")).toContainText("Forældrekaffe hver anden fredag");
  await expect(phone.getByText("Aftale 2 af 2")).toBeVisible();

  await console_.goto(`/team?k=${key}&status=alle`);
  const done = console_.locator(".board-item").filter({ hasText: "Nyt ugeskema med billeder" });
  await expect(done).toHaveAttribute("data-status", "done");
  await expect(done).toContainText("på mødet »Personalemøde i december«");
  await phoneContext.close();
  await screen.close();
});
