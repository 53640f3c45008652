import { test, expect, waitForHydration } from "./fixtures";

test("the pillars page draws the model and links each pillar to its texts", async ({ page }) => {
  await page.goto("/soejler");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: "De fem søjler" })).toBeVisible();
  await expect(page.getByRole("group", { name: /fem søjler/ })).toBeVisible();
  const cards = page.locator(".pillar-card");
  await expect(cards).toHaveCount(5);
  await expect(cards.first()).toContainText("Hvad ønsker vi børnene og de unge skal vide og kunne?");
  await cards.nth(2).getByRole("link").click();
  await expect(page).toHaveURL(/\/bibliotek\?soejle=collaboration/);
  await expect(page.getByLabel("Søjle")).toHaveValue("collaboration");
});

test("templates list their time plan and steps", async ({ page }) => {
  await page.goto("/skabeloner");
  await waitForHydration(page);
  const cards = page.locator(".template-card");
  await expect(cards).toHaveCount(4);
  await page.getByRole("link", { name: "Personalemøde: De fem søjler" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personalemøde: De fem søjler");
  const plan = page.locator(".time-plan");
  await expect(plan.locator("tbody tr")).toHaveCount(7); // welcome, five pillars, closing
  await expect(page.locator(".step-card")).toHaveCount(5);
  await expect(page.getByText("Brug skabelonen")).toBeVisible();
});
