import { test as base, expect, Browser, Page } from "@playwright/test";

/** A parent's phone: small, touch, Danish. */
export const PHONE = { viewport: { width: 360, height: 740 }, locale: "da-DK", isMobile: true, hasTouch: true };

/** A phone in its own context joins the meeting and hydrates; its console errors are kept. */
export async function joinPhone(browser: Browser, code: string) {
  const context = await browser.newContext(PHONE);
  const phone = await context.newPage();
  const errors: string[] = [];
  phone.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  phone.on("pageerror", (e) => errors.push(e.message));
  await phone.goto(`/m/${code}`);
  await phone.getByRole("button", { name: "Deltag" }).click();
  await waitForHydration(phone);
  return { phone, context, errors };
}

/** Waits until the WebAssembly has hydrated the page (the app marks <body> when it has). */
export async function waitForHydration(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/**
 * Every test fails on a browser console error or an uncaught exception, so a hydration
 * mismatch or a panic in the WebAssembly cannot pass unnoticed.
 */
export const test = base.extend<{ consoleErrors: string[]; expectedConsoleErrors: RegExp[] }>({
  // A test that provokes an error on purpose (a 404 page) lists the message it expects.
  expectedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        const text = message.text();
        if (message.type() === "error" && !expectedConsoleErrors.some((re) => re.test(text))) {
          errors.push(text);
        }
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
