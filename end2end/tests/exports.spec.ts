import { request as playwrightRequest } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";

// The agreed actions out of Samråd, as the leader meets it after a meeting: the record offers
// a spreadsheet, a calendar file, an e-mail and the text for Aula.

test("the record hands out the actions as files and as text", async ({ page, request, context }, testInfo) => {
  const started = await request.post("/ny", {
    form: { team: "Børnehuset Solsikken", titel: "Personalemøde i december", skabelon: "egne", spoergsmaal: "Hvad lykkedes?" },
    maxRedirects: 0,
  });
  const [, code, key] = started.headers()["location"].match(/\/m\/([A-Z2-9]{6})\/styring\?k=([0-9a-f]{32})/)!;
  const host = (command: object) =>
    request.post(`/api/m/${code}/commands`, { data: { id: crypto.randomUUID(), command }, headers: { "x-samraad-key": key } });
  expect((await host({ type: "go_to", step: 0, phase: "agree" })).status()).toBe(200);
  const action = { type: "record_action", action: crypto.randomUUID(), what: "Samtaletid hver fredag", owner: "Stuepædagogerne", due: "2026-12-18" };
  expect((await host(action)).status()).toBe(200);

  await page.goto(`/m/${code}/referat?k=${key}`);
  await waitForHydration(page);
  const section = page.getByRole("region", { name: "Tag aftalerne med" });
  await expect(section.getByLabel("Tekst til Aula eller en e-mail")).toHaveValue(
    /^Aftaler: Personalemøde i december\nBørnehuset Solsikken · \d+\. \w+ \d{4}\n\n1\. .*\n– Samtaletid hver fredag\n  Ansvarlig: Stuepædagogerne · Frist: 18\. december 2026\n$/,
  );
  const mail = await section.getByRole("link", { name: "Send som e-mail" }).getAttribute("href");
  expect(decodeURIComponent(mail!.split("body=")[1])).toContain("– Samtaletid hver fredag");

  await expect(section.getByLabel("Hele referatet som tekst", { exact: false })).toHaveValue(
    /^# Referat: Personalemøde i december\n[\s\S]*- Samtaletid hver fredag – Ansvarlig: Stuepædagogerne · Frist: 18\. december 2026\n[\s\S]*## 1\. Hvad lykkedes\?\n/,
  );

  for (const [name, extension, first, what] of [
    ["Hent som Excel-ark", "xlsx", "PK", "aftaler"],
    ["Hent som CSV-fil", "csv", "\uFEFF\"Punkt\";", "aftaler"],
    ["Hent til kalenderen", "ics", "BEGIN:VCALENDAR\r\n", "aftaler"],
    ["Referat (.md)", "md", "# Referat: Personalemøde i december\n", "referat"],
    ["Mødet som fil (JSON)", "json", "{\n  \"format\": \"samraad-team\"", "moede"],
  ]) {
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^samraad-boernehuset-solsikken-\\d{4}-\\d{2}-\\d{2}-${what}\\.${extension}$`));
    const body = await readFile((await download.path())!, extension === "xlsx" ? "latin1" : "utf8");
    expect(body.startsWith(first)).toBe(true);
    if (extension === "csv") expect(body).toContain("\"Samtaletid hver fredag\";\"Stuepædagogerne\";18-12-2026");
    if (extension === "ics") expect(body).toContain("SUMMARY:Samtaletid hver fredag");
  }

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await section.getByRole("button", { name: "Kopiér teksten" }).first().click();
  await expect(section.getByRole("status")).toHaveText("Teksten er kopieret.");
  if (testInfo.project.name === "desktop") {
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("Samtaletid hver fredag");
  }
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("record-take-away.png"), fullPage: true });
});

test("the record prints as minutes on A4: the actions first, each item on its own page", async ({ page, request, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the PDF is made once; its size is A4 on every device");
  const started = await request.post("/ny", {
    form: { team: "Børnehuset Solsikken", titel: "Personalemøde i december", skabelon: "personalemoede-fem-soejler" },
    maxRedirects: 0,
  });
  const [, code, key] = started.headers()["location"].match(/\/m\/([A-Z2-9]{6})\/styring\?k=([0-9a-f]{32})/)!;
  const host = (command: object) =>
    request.post(`/api/m/${code}/commands`, { data: { id: crypto.randomUUID(), command }, headers: { "x-samraad-key": key } });
  for (let i = 0; i < 3; i++) {
    const phone = await playwrightRequest.newContext({ baseURL });
    const joined = await phone.post(`/api/m/${code}/commands`, { data: { id: crypto.randomUUID(), command: { type: "join" } } });
    expect(joined.status()).toBe(200);
    await phone.dispose();
  }
  expect((await host({ type: "go_to", step: 1, phase: "agree" })).status()).toBe(200);
  const action = { type: "record_action", action: crypto.randomUUID(), what: "Fælles værdier på personalemødet i januar", owner: "Ledelsen", due: "2027-01-12" };
  expect((await host(action)).status()).toBe(200);

  await page.goto(`/m/${code}/referat?k=${key}`);
  await waitForHydration(page);
  await expect(page.locator(".minutes-meta")).toHaveText(/^\d+\. \w+ \d{4} · 3 personer deltog$/);
  const table = page.getByRole("region", { name: "Aftaler" }).getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText("Fælles værdier på personalemødet i januar");
  await expect(table.getByRole("row").nth(1)).toContainText("12. januar 2027");
  await expect(page.getByRole("button", { name: "Print / gem som PDF" })).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("region", { name: "Tag aftalerne med" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print / gem som PDF" })).toBeHidden();
  const breaks = await page.locator(".summary-step").evaluateAll((steps) => steps.map((s) => getComputedStyle(s).breakBefore));
  expect(breaks.length).toBe(5);
  expect(new Set(breaks)).toEqual(new Set(["page"]));
  const pdf = await page.pdf({ preferCSSPageSize: true });
  await (await import("node:fs/promises")).writeFile(testInfo.outputPath("minutes.pdf"), pdf);
  const text = pdf.toString("latin1");
  // A4 is 595 × 842 points; the actions' page and one page per item at least.
  expect(text).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
  expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(6);
});
