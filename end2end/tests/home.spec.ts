import { test, expect, waitForHydration } from "./fixtures";

test.describe("landing page", () => {
  test("is Danish by default and hydrates", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "da");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Fælles refleksion, hvor alle kommer til orde",
    );
    await expect(page.getByRole("heading", { name: "Start et møde" })).toBeVisible();
    await expect(page.getByLabel("Mødekode")).toBeVisible();
    await waitForHydration(page);
  });

  test("switches language in place once hydrated, and remembers it", async ({ page, context }) => {
    await page.goto("/");
    await waitForHydration(page);
    // A page load would wipe this marker; switching in place keeps it.
    await page.evaluate(() => ((window as any).__samePage = true));

    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Shared reflection where everyone is heard",
    );
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page).toHaveURL(/\/$/);
    expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
    await expect(page.getByRole("link", { name: "English" })).toHaveAttribute("aria-current", "true");

    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "i18n_pref_locale")?.value).toBe("en");

    await page.reload();
    await expect(page.getByRole("heading", { name: "Start a meeting" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("follows the browser's language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Join" })).toBeVisible();
    await context.close();
  });

  test("falls back to Danish for a language it does not speak", async ({ browser }) => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Deltag" })).toBeVisible();
    await context.close();
  });

  test.describe("a code with no meeting", () => {
    // The meeting page answers 404 for an unknown code, which Chromium logs.
    test.use({ expectedConsoleErrors: [/status of 404/] });
    test("join form explains a code that is not a meeting code", async ({ page }) => {
      await page.goto("/");
      await waitForHydration(page);
      const field = page.getByLabel("Mødekode");
      await field.fill("ab1");
      await page.getByRole("button", { name: "Deltag" }).click();
      await expect(page.getByText("En mødekode har 6 tegn. Du skrev 3.")).toBeVisible();
      await expect(page.getByLabel("Mødekode")).toHaveValue("ab1");
      await expect(page.getByLabel("Mødekode")).toHaveAttribute("aria-invalid", "true");

      // A well-formed code goes to its meeting; with no such meeting the page says so and keeps
      // the code in a field to correct.
      await page.getByLabel("Mødekode").fill("k7m-p4q");
      await page.getByRole("button", { name: "Deltag" }).click();
      await expect(page).toHaveURL(/\/m\/K7MP4Q$/);
      await expect(page.getByRole("heading", { name: "Vi kan ikke finde mødet" })).toBeVisible();
      await expect(page.getByLabel("Mødekode")).toHaveValue("K7MP4Q");
    });
  });

  test.describe(() => {
    test.use({ expectedConsoleErrors: [/status of 404/] });
    test("unknown addresses get a friendly 404", async ({ page }) => {
    const response = await page.goto("/findes-ikke");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Siden findes ikke" })).toBeVisible();
    await page.getByRole("link", { name: "Til forsiden", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    });
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the language switch and the join form still work", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Start a meeting" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    await page.getByLabel("Meeting code").fill("ABCDE0");
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByText("never 0, O, 1, I or L", { exact: false })).toBeVisible();

    // Switching back keeps the page and what was typed: the switch returns to path and query.
    await page.getByRole("link", { name: "Dansk" }).click();
    await expect(page.getByText("aldrig 0, O, 1, I eller L", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Mødekode")).toHaveValue("ABCDE0");
  });
});
