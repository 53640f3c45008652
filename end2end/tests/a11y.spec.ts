import AxeBuilder from "@axe-core/playwright";
import { test, expect, waitForHydration } from "./fixtures";

// Every page, in both languages and in its error states: no serious or critical violations.
const pages = [
  { name: "home", path: "/" },
  { name: "home with a join error", path: "/?kode=ab1" },
  { name: "not found", path: "/findes-ikke" },
  { name: "library", path: "/bibliotek" },
  { name: "library filtered", path: "/bibliotek?soejle=collaboration&type=statement" },
  { name: "library item", path: "/bibliotek/ballerup-t4-udsagn-1" },
  { name: "pillars", path: "/soejler" },
  { name: "templates", path: "/skabeloner" },
  { name: "template", path: "/skabeloner/foraeldrecafe-samarbejdspartnere" },
];

test.use({ expectedConsoleErrors: [/status of 404/] });

for (const { name, path } of pages) {
  for (const locale of ["da", "en"]) {
    test(`${name} (${locale}) has no serious accessibility violations`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: "i18n_pref_locale", value: locale, url: baseURL! }]);
      await page.goto(path);
      await waitForHydration(page);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }
}
