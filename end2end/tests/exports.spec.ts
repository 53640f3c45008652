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

  for (const [name, extension, first] of [
    ["Hent som Excel-ark", "xlsx", "PK"],
    ["Hent som CSV-fil", "csv", "\uFEFF\"Punkt\";"],
    ["Hent til kalenderen", "ics", "BEGIN:VCALENDAR\r\n"],
  ]) {
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^samraad-boernehuset-solsikken-\\d{4}-\\d{2}-\\d{2}-aftaler\\.${extension}$`));
    const body = await readFile((await download.path())!, extension === "xlsx" ? "latin1" : "utf8");
    expect(body.startsWith(first)).toBe(true);
    if (extension === "csv") expect(body).toContain("\"Samtaletid hver fredag\";\"Stuepædagogerne\";18-12-2026");
    if (extension === "ics") expect(body).toContain("SUMMARY:Samtaletid hver fredag");
  }

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await section.getByRole("button", { name: "Kopiér teksten" }).click();
  await expect(section.getByRole("status")).toHaveText("Teksten er kopieret.");
  if (testInfo.project.name === "desktop") {
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("Samtaletid hver fredag");
  }
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("record-take-away.png"), fullPage: true });
});
