import { Page } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";

/** On a phone the filters are folded behind "Filtrér"; elsewhere they are always shown. */
async function openFilters(page: Page) {
  const toggle = page.getByText("Filtrér", { exact: true });
  if (await toggle.isVisible()) await toggle.click();
}

test.describe("library", () => {
  test("filters by pillar in place, opens an item and shows its source", async ({ page }) => {
    await page.goto("/bibliotek");
    await waitForHydration(page);
    const count = page.locator(".result-count");
    const all = Number((await count.textContent())?.match(/\d+/)?.[0]);
    expect(all).toBeGreaterThan(90);

    await page.evaluate(() => ((window as any).__samePage = true));
    await openFilters(page);
    await page.getByLabel("Søjle").selectOption("values");
    await expect(page).toHaveURL(/soejle=values/);
    await expect(count).not.toHaveText(`Viser ${all} tekster`);
    const filtered = Number((await count.textContent())?.match(/\d+/)?.[0]);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);

    const first = page.locator(".item-card .item-text a").first();
    const text = (await first.textContent())!.trim();
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
    await expect(page.getByText("Kilde", { exact: true })).toBeVisible();
    await expect(page.locator(".facts")).toContainText("Afsnit");
    await expect(page.getByRole("link", { name: "Fælles værdier og vision" })).toBeVisible();
  });

  test("search narrows the list to texts with every word", async ({ page }) => {
    await page.goto("/bibliotek?q=forældre%20dialog");
    const cards = page.locator(".item-card");
    await expect(cards.first()).toBeVisible();
    for (const card of await cards.all()) {
      const text = (await card.textContent())!.toLowerCase();
      expect(text).toContain("forældre");
    }
  });

  test("filters by theme within a document", async ({ page }) => {
    await page.goto("/bibliotek");
    await waitForHydration(page);
    await openFilters(page);
    await page.getByLabel("Tema").selectOption("ballerup-tema-4");
    await expect(page).toHaveURL(/tema=ballerup-tema-4/);
    const cards = page.locator(".item-card");
    await expect(cards.first()).toBeVisible();
    for (const card of await cards.all()) {
      await expect(card.locator(".item-source")).toContainText("Forældre som samarbejdspartnere");
    }
  });

  test("an unknown item says so", async ({ page }) => {
    await page.goto("/bibliotek/findes-ikke");
    await expect(page.getByRole("heading", { name: "Teksten findes ikke" })).toBeVisible();
  });
});

test.describe("library without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter form works as a plain form", async ({ page }) => {
    await page.goto("/bibliotek");
    await openFilters(page);
    await page.getByLabel("Type").selectOption("statement");
    await page.getByRole("button", { name: "Vis" }).click();
    await expect(page).toHaveURL(/type=statement/);
    await expect(page.locator(".result-count")).toHaveText("Viser 9 tekster");
  });
});

test("on a 360 px phone no long word widens the library", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/bibliotek");
  await waitForHydration(page);
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    widest: Math.max(...[...document.querySelectorAll(".item-card")].map((card) => card.getBoundingClientRect().right)),
  }));
  expect(widths.page).toBeLessThanOrEqual(360);
  expect(widths.widest).toBeLessThanOrEqual(360);
});

test("on a phone the filters fold behind one button, open once a filter is set", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/bibliotek");
  await waitForHydration(page);
  await expect(page.getByLabel("Søjle")).toBeHidden();
  await page.getByText("Filtrér", { exact: true }).click();
  await expect(page.getByLabel("Søjle")).toBeVisible();
  await page.goto("/bibliotek?soejle=values");
  await expect(page.getByLabel("Søjle")).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/bibliotek");
  await expect(page.getByLabel("Søjle")).toBeVisible(); // a wider screen shows them
  await expect(page.getByText("Filtrér", { exact: true })).toBeHidden();
});
