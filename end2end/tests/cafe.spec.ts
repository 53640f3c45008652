import AxeBuilder from "@axe-core/playwright";
import { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect, joinPhone, PHONE, waitForHydration } from "./fixtures";

// The café as a parents' evening lives it: the leader's console and the projector, four
// phones; two offer to host a table; each phone is told its table, its table mates see the
// table's points, and at the next round everyone but the hosts moves (two tables of two:
// with one host, moving everyone else would leave one table with three and the other with
// one, and tables never differ by more than one).

const TEMPLATE = "foraeldrecafe-samarbejdspartnere";

/** The table number a phone shows in its seat block. */
async function tableOf(phone: Page) {
  const text = await phone.locator(".cafe-seat .table-badge-number").textContent();
  return Number(text!.trim());
}

/** The leader starts the café template on a 1366×768 laptop: the meeting's join code. */
async function startCafe(page: Page) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/ny?skabelon=${TEMPLATE}`);
  await page.getByLabel("Teamets navn").fill("Skovbrynets Skole – forældre");
  await page.getByLabel("Mødets titel").fill("Forældrecafé i 0. klasse");
  await page.getByRole("button", { name: "Start mødet" }).click();
  await waitForHydration(page);
  return (await page.locator(".console-code strong").textContent())!.trim();
}

test.describe("the café", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "one run is enough: the phones are their own contexts");
  });

  test("phones are seated at tables, see their table's points and move at the next round", async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/ny?skabelon=${TEMPLATE}`);
    await page.getByLabel("Teamets navn").fill("Skovbrynets Skole – forældre");
    await page.getByLabel("Mødets titel").fill("Forældrecafé i 0. klasse");
    await page.getByRole("button", { name: "Start mødet" }).click();
    await expect(page).toHaveURL(/\/m\/[A-Z2-9]{6}\/styring\?k=/);
    await waitForHydration(page);
    const code = (await page.locator(".console-code strong").textContent())!.trim();
    const screenUrl = await page.getByRole("link", { name: "Åbn storskærmen" }).getAttribute("href");
    const screen = await page.context().newPage();
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await screen.goto(screenUrl!);
    await waitForHydration(screen);

    const phones = [];
    for (let i = 0; i < 4; i++) phones.push(await joinPhone(browser, code));
    const [host, secondHost, ...others] = phones.map((p) => p.phone);
    for (const volunteer of [host, secondHost]) {
      await volunteer.getByRole("button", { name: "Ja, jeg vil gerne være bordvært" }).click();
      await expect(volunteer.getByText("Tak! Bordværterne bliver fordelt, når første runde begynder.")).toBeVisible();
    }

    await page.getByLabel("Antal borde (0: ud fra bordstørrelsen)").fill("2");
    await page.getByRole("button", { name: "Gem bordene" }).click();
    await expect(page.locator(".cafe-setup")).toContainText("Lige nu giver det 2 borde, og 2 har meldt sig som bordvært.");

    // Round 1 opens: everyone has a table; the volunteer hosts one.
    await page.getByRole("button", { name: /^Næste/ }).click();
    for (const phone of [host, secondHost, ...others]) {
      await expect(phone.locator(".cafe-seat h2")).toContainText(/Du sidder ved bord [12]/);
    }
    await expect(host.locator(".cafe-host-note")).toContainText("Du er bordvært");
    await expect(secondHost.locator(".cafe-host-note")).toContainText("Du er bordvært");
    await expect(screen.locator(".table-plan-item")).toHaveCount(2);
    await expect(screen.locator(".screen-round")).toHaveText("Runde 1 af 4");
    // The round's timer: its planned minutes on the console; in the last minute the room is
    // told in words, not only by colour.
    await expect(page.getByRole("button", { name: "Start runden (12 min.)" })).toBeVisible();
    await page.getByRole("button", { name: "1 min.", exact: true }).click();
    await expect(screen.locator(".countdown.warning .countdown-said")).toHaveText("Et minut tilbage af runden");
    await expect(host.locator(".countdown-said")).toHaveText("Et minut tilbage af runden");
    await page.getByRole("button", { name: "Stop nedtællingen" }).click();
    await host.screenshot({ path: testInfo.outputPath("cafe-phone-round-1.png"), fullPage: true });

    // A point written at a table is the table's: a table mate sees it, the other table not.
    const hostTable = await tableOf(host);
    const tables = await Promise.all(others.map(tableOf));
    const mate = others[tables.indexOf(hostTable)];
    const away = others[tables.findIndex((t) => t !== hostTable)];
    await expect(host.getByRole("heading", { name: "Skriv en pointe for bordet" })).toBeVisible();
    await host.getByLabel("Skriv dit svar").fill("Vi vil gerne høre mere om hverdagen");
    await host.getByRole("button", { name: "Send svar" }).click();
    await expect(mate.locator(".cafe-points .point-list")).toContainText("Vi vil gerne høre mere om hverdagen");
    await expect(away.locator(".cafe-points")).toContainText("Ingen andre ved bordet har skrevet en pointe endnu.");
    await expect(screen.locator(".table-plan-item.has-points")).toHaveCount(1);
    await screen.screenshot({ path: testInfo.outputPath("cafe-screen-round-1.png") });
    const axe = await new AxeBuilder({ page: mate }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

    // Round 2: everyone but the hosts goes to the other table; a host retells.
    const before = await Promise.all(others.map(tableOf));
    await page.locator(".agenda-list li").nth(1).getByRole("button").click();
    for (const [i, phone] of others.entries()) {
      await expect(phone.locator(".cafe-seat h2")).toHaveText(`Gå til bord ${before[i] === 1 ? 2 : 1}`);
    }
    await expect(host.locator(".cafe-seat h2")).toHaveText(`Du sidder ved bord ${hostTable}`);
    await expect(host.locator(".cafe-recap")).toContainText("Vi vil gerne høre mere om hverdagen");
    await expect(screen.locator(".screen-round")).toContainText("Runde 2 af 4");
    await others[0].screenshot({ path: testInfo.outputPath("cafe-phone-move.png"), fullPage: true });
    await screen.screenshot({ path: testInfo.outputPath("cafe-screen-round-2.png") });
    await page.screenshot({ path: testInfo.outputPath("cafe-console.png") });

    // The harvest: the leader allows one point per table under each heading; a phone
    // chooses the heading, and its table mate finds that heading full.
    const harvestSetup = page.locator(".harvest-setup");
    await harvestSetup.locator("summary").click();
    await harvestSetup.getByLabel("Højst så mange pointer pr. bord under hver overskrift").fill("1");
    await harvestSetup.getByRole("button", { name: "Gem høstens overskrifter" }).click();
    // Each move waits for the console to show it: a second click on a button not yet
    // redrawn would send the same move again.
    const console_ = (phase: string) => expect(page.getByText(`Punkt 5 · ${phase}`, { exact: true })).toBeVisible();
    await page.locator(".agenda-list li").nth(4).getByRole("button").click();
    await console_("Intro");
    await page.getByRole("button", { name: /^Næste/ }).click();
    await console_("Refleksion");
    await expect(host.locator(".harvest-choices legend")).toHaveText("Hvor hører pointen hjemme?");
    await expect(host.locator(".harvest-choice")).toHaveCount(3);
    await expect(host.locator(".harvest-choices")).toContainText("0 af 1");
    const seatedNow = await Promise.all(others.map(tableOf));
    const mateNow = others[seatedNow.indexOf(hostTable)];
    await host.getByLabel("Det kan vi forældre gøre").check();
    await host.getByLabel("Skriv dit svar").fill("Vi laver en madklub for klassen");
    await host.getByRole("button", { name: "Send svar" }).click();
    await expect(host.locator(".answer-list.mine .harvest-tag")).toHaveText("Det kan vi forældre gøre");
    await expect(mateNow.getByLabel("Det kan vi forældre gøre")).toBeDisabled();
    await expect(mateNow.locator(".harvest-choice.full")).toContainText("1 af 1");
    await expect(mateNow.locator(".cafe-points")).toContainText("Vi laver en madklub for klassen");
    await expect(mateNow.locator(".cafe-points .harvest-tag")).toHaveText("Det kan vi forældre gøre");
    await mateNow.screenshot({ path: testInfo.outputPath("cafe-phone-harvest.png"), fullPage: true });
    const harvestAxe = await new AxeBuilder({ page: mateNow }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(harvestAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await page.getByRole("button", { name: /^Næste/ }).click();
    await console_("Svarene vises");
    await expect(screen.locator(".board-box .harvest-tag")).toHaveText("Det kan vi forældre gøre");
    await expect(screen.locator(".board-box .table-badge")).toHaveCount(1);
    await screen.screenshot({ path: testInfo.outputPath("cafe-screen-harvest.png") });

    // The vote: two guests without a phone vote by hand; the leader types their dots.
    await page.getByRole("button", { name: /^Næste/ }).click();
    await console_("Sortering");
    await page.getByRole("button", { name: /^Næste/ }).click();
    await console_("Afstemning");
    const paper = page.locator(".paper-tallies");
    await paper.locator("summary").click();
    await paper.getByLabel("Prikker fra papir til: Vi laver en madklub for klassen").fill("2");
    await paper.getByRole("button", { name: "Gem" }).click();
    await expect(page.locator(".answer-list .paper-share")).toHaveText("(heraf 2 fra papir)");
    await page.screenshot({ path: testInfo.outputPath("cafe-console-paper.png") });
    await page.getByRole("button", { name: /^Næste/ }).click();
    await console_("Aftaler");
    await expect(screen.locator(".rank-dots")).toContainText("2 prikker");
    await expect(screen.locator(".rank-dots .paper-share")).toHaveText("(heraf 2 fra papir)");
    await screen.screenshot({ path: testInfo.outputPath("cafe-screen-paper.png") });

    for (const { errors, context } of phones) {
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test("the table cards print one a page, and a tablet that scans one becomes that table's", async ({ page, browser }, testInfo) => {
    test.setTimeout(60_000);
    const code = await startCafe(page);
    await page.getByRole("link", { name: "Bordkort til udskrift" }).click();
    await expect(page).toHaveURL(/\/bordkort\?k=/);
    await page.getByLabel("Antal borde").fill("3");
    await page.getByRole("button", { name: "Vis kortene" }).click();
    await expect(page.locator(".table-card")).toHaveCount(3);
    await expect(page.locator(".table-card").nth(2)).toContainText("3");

    await page.screenshot({ path: testInfo.outputPath("table-cards.png"), fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".cards-head")).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath("table-cards-print.png"), fullPage: true });
    await page.emulateMedia({ media: null });
    // Printed: the buttons go, each card has its own A4 page.
    const pdf = await page.pdf({ format: "A4", printBackground: true, path: testInfo.outputPath("table-cards.pdf") });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(3);

    // The QR code, read from the pixels as a phone's camera would.
    const shot = await page.locator(".table-card-qr").nth(1).screenshot();
    const reader = await page.context().newPage();
    await reader.evaluate(readFileSync(join(__dirname, "..", "node_modules", "jsqr", "dist", "jsQR.js"), "utf8"));
    const decoded = await reader.evaluate(async (png) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d")!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (window as any).jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
    }, shot.toString("base64"));
    expect(decoded).toMatch(new RegExp(`/m/${code}\\?bord=2$`));
    await reader.close();

    // A shared tablet opens it and joins as table 2.
    const tablet = await browser.newContext(PHONE);
    const tab = await tablet.newPage();
    await tab.goto(new URL(decoded!).pathname + new URL(decoded!).search);
    await expect(tab.getByRole("heading", { name: "Deltag som bord 2" })).toBeVisible();
    await tab.getByRole("button", { name: "Deltag" }).click();
    await waitForHydration(tab);
    await expect(tab.getByRole("heading", { name: "Bordets telefon: bord 2" })).toBeVisible();
    await tablet.close();
  });

  test("a phone chooses Arabic: it reads right to left, keeps it, and the table number stays whole", async ({ page, browser }, testInfo) => {
    test.setTimeout(60_000);
    const ar = JSON.parse(readFileSync(join(__dirname, "..", "..", "app", "locales", "ar.json"), "utf8"));
    const code = await startCafe(page);

    const { phone, context, errors } = await joinPhone(browser, code);
    await phone.locator(".lang-menu summary").click();
    await phone.getByRole("link", { name: "العربية" }).click();
    await expect(phone.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(phone.locator("html")).toHaveAttribute("lang", "ar");
    await expect(phone.getByText(ar.cafe_volunteer_heading)).toBeVisible();
    // Remembered: a reload stays in Arabic.
    await phone.reload();
    await waitForHydration(phone);
    await expect(phone.locator("html")).toHaveAttribute("dir", "rtl");

    await page.getByRole("button", { name: /^Næste/ }).click();
    const seat = phone.locator(".cafe-seat");
    await expect(seat.locator("h2")).toHaveText(ar.cafe_at_table.replace("{table}", "1"));
    await expect(seat.locator(".table-badge-number")).toHaveText("1");
    await phone.getByLabel(ar.phone_answer_label).fill("نريد لقاءات أكثر بين الأهل");
    await phone.getByRole("button", { name: ar.phone_answer_send }).click();
    await expect(phone.locator(".answer-list.mine")).toContainText("نريد لقاءات أكثر بين الأهل");
    await phone.screenshot({ path: testInfo.outputPath("cafe-phone-arabic.png"), fullPage: true });
    const axe = await new AxeBuilder({ page: phone }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
  test("a parent and an interpreter share a code and sit at one table, with a guest who has no phone", async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    const code = await startCafe(page);

    const joined = [];
    for (let i = 0; i < 6; i++) joined.push(await joinPhone(browser, code));
    const [parent, interpreter] = joined.map((j) => j.phone);
    await parent.getByRole("button", { name: "Få en kode" }).click();
    const shown = parent.locator(".together-code");
    await expect(shown).toHaveText(/^\d{4}$/);
    const together = (await shown.textContent())!.trim();
    await expect(parent.locator(".cafe-together")).toContainText(`Din kode er ${together}.`);

    // A mistyped code is said on the phone; the right one, typed with a space, joins.
    await interpreter.getByLabel("Kode fra den andens telefon").fill("12a4");
    await interpreter.getByRole("button", { name: "Sæt os sammen" }).click();
    await expect(interpreter.getByText("Ingen har den kode. Tjek de fire cifre på den andens telefon.")).toBeVisible();
    await interpreter.getByLabel("Kode fra den andens telefon").fill(`${together.slice(0, 2)} ${together.slice(2)}`);
    await interpreter.getByRole("button", { name: "Sæt os sammen" }).click();
    for (const phone of [parent, interpreter]) {
      await expect(phone.locator(".cafe-together")).toContainText(`I er 2, der sidder ved samme bord. Jeres kode er ${together}.`);
    }
    await parent.screenshot({ path: testInfo.outputPath("cafe-phone-together.png"), fullPage: true });
    const axe = await new AxeBuilder({ page: parent }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

    // The console counts the group; a guest without a phone joins it by its code.
    await expect(page.locator(".console-together")).toContainText("1 gruppe sidder sammen (2 personer).");
    await page.getByLabel("Navn (kan udelades)").fill("Amina");
    await page.getByLabel("Sammen med koden (kan udelades)").fill(together);
    await page.getByRole("button", { name: "Tilføj gæst" }).click();
    await expect(page.locator(".console-together")).toContainText("1 gruppe sidder sammen (3 personer).");
    await page.screenshot({ path: testInfo.outputPath("cafe-console-together.png"), fullPage: true });

    // Round 1's talk, then round 2's start: the three share a table each time.
    for (const [step, phase] of [[1, "Refleksion"], [2, "Intro"]]) {
      await page.getByRole("button", { name: /^Næste/ }).click();
      await expect(page.getByText(`Punkt ${step} · ${phase}`, { exact: true })).toBeVisible();
      await expect(parent.locator(".cafe-seat h2")).toContainText(/bord \d/);
      const table = await tableOf(parent);
      await expect.poll(() => tableOf(interpreter)).toBe(table);
      await expect(page.locator(".guest-list li", { hasText: "Amina" })).toContainText(String(table));
      // Once a round is in use a change counts from the next one, and the phone says so.
      await expect(parent.locator(".cafe-together")).toContainText("Det gælder fra næste runde.");
    }
    await parent.screenshot({ path: testInfo.outputPath("cafe-phone-together-round-2.png"), fullPage: true });
    // The mistyped code was refused over the wire (422), which Chromium logs; nothing else.
    const refused = "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)";
    for (const { phone, context, errors } of joined) {
      expect(errors).toEqual(phone === interpreter ? [refused] : []);
      await context.close();
    }
  });
  test("the leader passes a volunteer over, keeps two guests apart and prints their route cards; with stations each table talks about its own text, and the projector shows which", async ({ page, browser }, testInfo) => {
    test.setTimeout(60_000);
    const code = await startCafe(page);
    const screenUrl = await page.getByRole("link", { name: "Åbn storskærmen" }).getAttribute("href");
    const screen = await page.context().newPage();
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await screen.goto(screenUrl!);
    await waitForHydration(screen);

    const joined = [];
    for (let i = 0; i < 4; i++) joined.push(await joinPhone(browser, code));
    // Two offer to host, one with a name; the leader passes her over.
    const lene = joined[0].phone;
    await lene.getByLabel("Dit navn (kan udelades)").fill("Lene");
    await lene.getByRole("button", { name: "Ja, jeg vil gerne være bordvært" }).click();
    await joined[1].phone.getByRole("button", { name: "Ja, jeg vil gerne være bordvært" }).click();
    const volunteers = page.locator(".volunteer-item");
    await expect(volunteers).toHaveCount(2);
    await expect(volunteers.nth(0)).toContainText("Lene");
    await expect(volunteers.nth(1)).toContainText("Frivillig 2 (uden navn)");
    await page.getByRole("button", { name: "Fravælg Lene som bordvært" }).click();
    await expect(volunteers.nth(0)).toContainText("ikke bordvært");
    await page.locator(".console-volunteers").screenshot({ path: testInfo.outputPath("cafe-console-volunteers.png") });

    // Two guests without a phone whom the leader keeps at different tables.
    for (const name of ["Amina", "Yusuf"]) {
      await page.getByLabel("Navn (kan udelades)").fill(name);
      await page.getByRole("button", { name: "Tilføj gæst" }).click();
      await expect(page.locator(".console-guests .guest-list")).toContainText(name);
    }
    await page.locator(".console-apart summary").click();
    await page.getByLabel("Den ene", { exact: true }).selectOption({ label: "Amina" });
    await page.getByLabel("Den anden", { exact: true }).selectOption({ label: "Yusuf" });
    await page.locator(".apart-form button").click();
    await expect(page.locator(".apart-list")).toContainText("Amina og Yusuf sidder ved hver sit bord.");
    await page.locator(".console-apart").screenshot({ path: testInfo.outputPath("cafe-console-apart.png") });

    await page.getByLabel("Antal borde (0: ud fra bordstørrelsen)").fill("2");
    await page.getByLabel(/^Stationer:/).check();
    await page.getByRole("button", { name: "Gem bordene" }).click();
    await expect(page.locator(".cafe-setup")).toContainText("Lige nu giver det 2 borde");

    await page.getByRole("button", { name: /^Næste/ }).click();
    await expect(page.getByText("Punkt 1 · Refleksion", { exact: true })).toBeVisible();
    // Round 1 has two statements: table 1 the first, table 2 the second.
    const first = "Forældre oplever, at de forældre med tid og overskud";
    const second = "Forældre fortæller, at åbenhed i forældregruppen om børns udfordringer";
    const stations = screen.locator(".station");
    await expect(stations).toHaveCount(2);
    await expect(stations.nth(0)).toContainText(first);
    await expect(stations.nth(0).locator(".table-badge-number")).toHaveText(["1"]);
    await expect(stations.nth(1)).toContainText(second);
    await expect(stations.nth(1).locator(".table-badge-number")).toHaveText(["2"]);
    await expect(page.locator(".station")).toHaveCount(2);
    for (const { phone } of joined) {
      await expect(phone.locator(".cafe-seat h2")).toContainText(/bord [12]/);
      const table = await tableOf(phone);
      const [mine, other] = table === 1 ? [first, second] : [second, first];
      await expect(phone.locator(".question-block")).toContainText(mine);
      await expect(phone.locator(".question-block")).not.toContainText(other);
    }
    const guestTable = async (name: string) =>
      Number((await page.locator(".console-guests .guest-item", { hasText: name }).locator(".table-badge-number").textContent())!.trim());
    expect(await guestTable("Amina")).not.toBe(await guestTable("Yusuf"));
    // Route cards: one a guest, alphabetically, a table for each of the four rounds; the
    // first as the console shows it.
    const routes = await page.getByRole("link", { name: "Rutekort til gæster uden telefon" }).getAttribute("href");
    const cards = await page.context().newPage();
    await cards.goto(routes!);
    await waitForHydration(cards);
    const card = cards.locator(".route-card");
    await expect(card).toHaveCount(2);
    await expect(card.locator(".route-card-name")).toHaveText(["Amina", "Yusuf"]);
    await expect(card.nth(0).locator(".route-card-rounds li")).toHaveCount(4);
    await expect(card.nth(0).locator(".route-card-rounds li").first()).toContainText("Runde 1");
    await expect(card.nth(0).locator(".table-badge-number").first()).toHaveText(String(await guestTable("Amina")));
    await cards.emulateMedia({ media: "print" });
    await cards.screenshot({ path: testInfo.outputPath("cafe-route-cards-print.png"), fullPage: true });
    await cards.close();
    await expect(joined[1].phone.locator(".cafe-host-note")).toContainText("Du er bordvært");
    await expect(lene.locator(".cafe-host-note")).toHaveCount(0);
    const scroll = await screen.evaluate(() => [document.documentElement.scrollHeight, window.innerHeight]);
    expect(scroll[0]).toBeLessThanOrEqual(scroll[1]);
    await screen.screenshot({ path: testInfo.outputPath("cafe-screen-stations.png") });
    await joined[0].phone.screenshot({ path: testInfo.outputPath("cafe-phone-station.png"), fullPage: true });
    for (const { context, errors } of joined) {
      expect(errors).toEqual([]);
      await context.close();
    }
  });
  test("a phone without JavaScript sits at its table, writes a point and sits together by code", async ({ page, browser }, testInfo) => {
    test.setTimeout(60_000);
    const code = await startCafe(page);
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const phone = await context.newPage();
    await phone.goto(`/m/${code}`);
    await phone.getByRole("button", { name: "Deltag" }).click();
    await expect(phone.getByText("Du er med!")).toBeVisible();
    // Sitting together works from the plain form: a code in large type.
    await phone.getByRole("button", { name: "Få en kode" }).click();
    await expect(phone.locator(".together-code")).toHaveText(/^\d{4}$/);
    const { phone: friend, context: friendContext } = await joinPhone(browser, code);
    await friend.getByLabel("Kode fra den andens telefon").fill((await phone.locator(".together-code").textContent())!);
    await friend.getByRole("button", { name: "Sæt os sammen" }).click();
    await expect(friend.locator(".cafe-together")).toContainText("I er 2, der sidder ved samme bord.");

    await page.getByRole("button", { name: /^Næste/ }).click();
    await expect(page.getByText("Punkt 1 · Refleksion", { exact: true })).toBeVisible();
    await phone.reload();
    const seat = phone.locator(".cafe-seat");
    await expect(seat.locator("h2")).toContainText(/Du sidder ved bord \d/);
    const table = (await seat.locator(".table-badge-number").textContent())!.trim();
    await expect(friend.locator(".cafe-seat .table-badge-number")).toHaveText(table);
    await phone.getByLabel("Skriv dit svar").fill("Vi vil gerne mødes uden for skoletid");
    await phone.getByRole("button", { name: "Send svar" }).click();
    await expect(phone.locator(".answer-list.mine")).toContainText("Vi vil gerne mødes uden for skoletid");
    await expect(friend.locator(".cafe-points")).toContainText("Vi vil gerne mødes uden for skoletid");
    await phone.screenshot({ path: testInfo.outputPath("cafe-phone-no-javascript.png"), fullPage: true });
    await friendContext.close();
    await context.close();
  });
});
