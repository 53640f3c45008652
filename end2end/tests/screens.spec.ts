import AxeBuilder from "@axe-core/playwright";
import { APIRequestContext, Browser, Page, request as playwrightRequest } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { test, expect, waitForHydration } from "./fixtures";

// The room's screens at the sizes they meet: the projector at 1920×1080, 1280×720 and
// 1024×768 must show every phase without scrolling, with 3, 24 and 60 people answering, and
// every card it shows must be inside the screen. The meeting is driven through the API (as
// the phones and the console would), the screens are real pages in Chromium. Screenshots of
// every phase and size are kept as test artefacts (test-results/…): look at them.

const PROJECTORS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];
const PHONE = { width: 360, height: 740 };

// Answers as staff write them: short, long, and one long word that must wrap.
const ANSWERS = [
  "Mere ro ved frokosten",
  "At børnene selv kan tage tøj på, før vi går på legepladsen, og at de hjælper hinanden med det",
  "Sprog: at de kan sige, hvad de har brug for",
  "Venskaber på tværs af stuerne",
  "At de tør prøve noget nyt – også når det er svært, og de voksne ikke hjælper med det samme",
  "Turtagning i samlingen",
  "Brugertilfredshedsundersøgelser viser, at forældrene gerne vil vide mere om hverdagen",
  "Selvhjulpenhed ved måltidet",
  "At de kan løse en konflikt med ord",
  "Nysgerrighed på naturen: vi går i skoven hver torsdag, og børnene samler ting, som vi kigger på bagefter",
];

type Meeting = { code: string; hostKey: string; screenKey: string };
type Person = { api: APIRequestContext; answers: string[] };

async function startMeeting(api: APIRequestContext, template = "personalemoede-fem-soejler"): Promise<Meeting> {
  const started = await api.post("/ny", {
    form: { team: "Børnehuset Solsikken", titel: "Personalemøde i december", skabelon: template },
    maxRedirects: 0,
  });
  expect(started.status()).toBe(303);
  const location = started.headers()["location"];
  const [, code] = location.match(/\/m\/([A-Z2-9]{6})\//)!;
  const hostKey = new URL(location, "http://x").searchParams.get("k")!;
  const console_ = await (await api.get(`/m/${code}/styring?k=${hostKey}`)).text();
  const screenKey = console_.match(/skaerm\?k=([0-9a-f]{32})/)![1];
  return { code, hostKey, screenKey };
}

/** Sends a command as the app's client does: a kept-alive connection the server closed
 * while idle may fail once, and the same envelope is sent again (it applies once). */
async function send(api: APIRequestContext, code: string, command: object, hostKey?: string) {
  const envelope = { id: randomUUID(), command };
  const post = () =>
    api.post(`/api/m/${code}/commands`, { data: envelope, headers: hostKey ? { "x-samraad-key": hostKey } : {} });
  const response = await post().catch(post);
  expect(response.status(), `${JSON.stringify(command)}: ${await response.text()}`).toBe(200);
}

async function host(api: APIRequestContext, meeting: Meeting, command: object) {
  await send(api, meeting.code, command, meeting.hostKey);
}

/** Every projector size: the page does not scroll, and every card it shows is on the screen. */
async function checkProjector(
  browser: Browser,
  meeting: Meeting,
  label: string,
  outputPath: (name: string) => string,
  expected: { least: number; all?: number } = { least: 0 },
) {
  for (const size of PROJECTORS) {
    const context = await browser.newContext({ viewport: size, locale: "da-DK" });
    const screen = await context.newPage();
    await screen.goto(`/m/${meeting.code}/skaerm?k=${meeting.screenKey}`);
    await waitForHydration(screen);
    await screen.waitForTimeout(400); // the fit runs on the next frame; the bars grow in
    const fit = await screen.evaluate(() => {
      const inside = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.top >= -1 && r.left >= -1 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1;
      };
      const shown = [...document.querySelectorAll(".fit-item, .answer-card, .rank-row, .action-item, .table-plan-item")].filter(
        (el) => (el as HTMLElement).offsetParent !== null,
      );
      return {
        scrollHeight: document.documentElement.scrollHeight,
        scrollWidth: document.documentElement.scrollWidth,
        shown: shown.length,
        outside: shown.filter((el) => !inside(el)).map((el) => el.textContent?.slice(0, 40)),
        status: [...document.querySelectorAll(".screen-count, .screen-page, .more-line")].map((el) => el.textContent),
        smallestText: Math.min(
          ...[...document.querySelectorAll(".card-text, .action-what, .question-text")]
            .filter((el) => (el as HTMLElement).offsetParent !== null)
            .map((el) => parseFloat(getComputedStyle(el).fontSize)),
        ),
      };
    });
    await screen.screenshot({ path: outputPath(`projector-${label}-${size.width}x${size.height}.png`) });
    if (size.width === 1920) {
      const results = await new AxeBuilder({ page: screen }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${label} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    }
    expect(fit.scrollHeight, `${label} at ${size.width}×${size.height}: no vertical scrolling`).toBeLessThanOrEqual(size.height);
    expect(fit.scrollWidth, `${label} at ${size.width}×${size.height}: no sideways scrolling`).toBeLessThanOrEqual(size.width);
    expect(fit.outside, `${label} at ${size.width}×${size.height}: every card on the screen`).toEqual([]);
    const where = `${label} at ${size.width}×${size.height}: ${fit.shown} shown`;
    // Readable from the back of the room: at least 28 px at 1080 px, as much of 720 px.
    expect(fit.smallestText, `${where}: smallest text`).toBeGreaterThanOrEqual((28 * size.height) / 1080 - 0.5);
    expect(fit.shown, `${where}, at least ${expected.least}`).toBeGreaterThanOrEqual(expected.least);
    if (expected.all !== undefined && fit.shown < expected.all) {
      // Not all at once: the rest are on later pages or counted.
      expect(fit.status.join(" "), `${where}: says where the rest are`).toMatch(/Side 1 af \d+|\+ \d+ svar mere/);
    }
    await context.close();
  }
}

/**
 * The console on a 1366×768 laptop: one screen (the page never scrolls; the agenda and the item
 * scroll in their columns), the controls always in view, the host's key never shown, and while
 * actions are agreed their form on the first screen.
 */
async function checkConsole(browser: Browser, meeting: Meeting, label: string, outputPath: (name: string) => string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "da-DK" });
  const console_ = await context.newPage();
  await console_.goto(`/m/${meeting.code}/styring?k=${meeting.hostKey}&ny=1`);
  await waitForHydration(console_);
  const next = console_.getByRole("button", { name: /^Næste/ });
  await expect(next).toBeInViewport();
  await expect(console_.locator(".keep-url code")).toBeHidden(); // never shown to a mirrored room
  // The template's time plan: minutes used of those planned, per item.
  await expect(console_.locator(".agenda-time").first()).toHaveText(/^\d+ af 17 min\.$/);
  await expect(console_.locator(".agenda-time").nth(1)).toHaveText("0 af 15 min.");
  await expect(console_.locator(".site-nav")).toHaveCount(0); // no way out by one click
  const page = await console_.evaluate(() => document.scrollingElement!.scrollHeight);
  expect(page, `console ${label}: the page fits the laptop's screen`).toBeLessThanOrEqual(768);
  await console_.screenshot({ path: outputPath(`console-${label}-1366x768.png`) });
  if (label === "agree") await expect(console_.locator("#action-what")).toBeInViewport();
  await console_.locator(".console-main").hover();
  await console_.mouse.wheel(0, 1500); // the item scrolls; the control bar stays in view
  await expect(next).toBeInViewport();
  await console_.screenshot({ path: outputPath(`console-${label}-scrolled-1366x768.png`) });
  await context.close();
}

async function shootPhone(
  browser: Browser,
  person: Person,
  code: string,
  label: string,
  outputPath: (name: string) => string,
  says?: string,
) {
  const state = await person.api.storageState();
  const context = await browser.newContext({ viewport: PHONE, locale: "da-DK", isMobile: true, hasTouch: true, storageState: state });
  const phone = await context.newPage();
  await phone.goto(`/m/${code}`);
  await waitForHydration(phone);
  await expect(phone.locator(".site-nav")).toHaveCount(0); // the meeting has no way out by mistake
  await expect(phone.locator(".site-footer")).toHaveCount(0);
  if (says) await expect(phone.getByText(says, { exact: true })).toBeVisible();
  await phone.screenshot({ path: outputPath(`phone-${label}.png`), fullPage: true });
  await phone.screenshot({ path: outputPath(`phone-${label}-first-screen.png`) });
  await context.close();
}

for (const people of [3, 24, 60]) {
  test(`the projector fits every phase with ${people} answering`, async ({ browser, baseURL }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "the sizes are set here");
    test.setTimeout(240_000);
    const out = (name: string) => testInfo.outputPath(name);
    const leader = await playwrightRequest.newContext({ baseURL });
    const meeting = await startMeeting(leader);
    const room: Person[] = [];
    for (let i = 0; i < people; i++) {
      const api = await playwrightRequest.newContext({ baseURL });
      await send(api, meeting.code, { type: "join" });
      room.push({ api, answers: [] });
    }
    await checkProjector(browser, meeting, `${people}-1-join`, out);
    if (people === 24) await shootPhone(browser, room[0], meeting.code, "intro", out, "Du er med!");
    await expect
      .poll(async () => {
        const context = await browser.newContext({ viewport: PROJECTORS[0] });
        const page = await context.newPage();
        await page.goto(`/m/${meeting.code}/skaerm?k=${meeting.screenKey}`);
        const text = await page.locator(".join-count").textContent();
        await context.close();
        return text;
      })
      .toBe(`${people} er med`);

    await host(leader, meeting, { type: "go_to", step: 0, phase: "reflect" });
    for (const [i, person] of room.entries()) {
      const text = ANSWERS[i % ANSWERS.length] + (i >= ANSWERS.length ? ` (${Math.floor(i / ANSWERS.length) + 1})` : "");
      const answer = randomUUID();
      await send(person.api, meeting.code, { type: "submit_answer", answer, text, lang: "da" });
      person.answers.push(answer);
    }
    await checkProjector(browser, meeting, `${people}-2-reflect`, out);
    if (people === 24) await checkConsole(browser, meeting, "reflect", out);
    if (people === 24) await shootPhone(browser, room[0], meeting.code, "reflect", out);

    await host(leader, meeting, { type: "go_to", step: 0, phase: "reveal" });
    await checkProjector(browser, meeting, `${people}-3-reveal`, out, { least: Math.min(people, 8), all: people });

    await host(leader, meeting, { type: "go_to", step: 0, phase: "vote" });
    // Everyone puts their dots on the first answers, so the ranking has ties.
    for (const [i, person] of room.entries()) {
      const first = room[i % Math.min(room.length, 4)].answers[0];
      await send(person.api, meeting.code, { type: "set_dots", target: { answer: first }, dots: 2 });
    }
    await checkProjector(browser, meeting, `${people}-4-vote`, out, { least: Math.min(people, 8), all: people });
    if (people === 24) await shootPhone(browser, room[1], meeting.code, "vote", out);

    await host(leader, meeting, { type: "go_to", step: 0, phase: "agree" });
    const actions = [
      { what: "Vi iagttager frokosten i to uger og skriver ned, hvad børnene selv kan", owner: "Stue 2", due: "2026-12-18" },
      { what: "Forældrene får en kort tekst om selvhjulpenhed i Aula", owner: "Mette", due: "2027-01-08" },
      { what: "Ledelsen tager tiden til samling op på næste møde", owner: "Leder" },
    ];
    for (const action of actions) {
      await host(leader, meeting, { type: "record_action", action: randomUUID(), ...action });
    }
    await checkProjector(browser, meeting, `${people}-5-agree`, out, { least: Math.min(people, 4) + 3, all: people + 3 });
    if (people === 24) await checkConsole(browser, meeting, "agree", out);
    if (people === 24) await shootPhone(browser, room[2], meeting.code, "agree", out);

    await host(leader, meeting, { type: "go_to", step: 1, phase: "agree" });
    await host(leader, meeting, { type: "record_action", action: randomUUID(), what: "Vi skriver vores værdi som en »Vi …«-sætning på tavlen i personalestuen", owner: "Ali", due: "2026-12-11" });
    await host(leader, meeting, { type: "end_meeting" });
    await checkProjector(browser, meeting, `${people}-6-end`, out, { least: 6 });

    // The closing screen lists every action the meeting agreed, grouped by item.
    const context = await browser.newContext({ viewport: PROJECTORS[0], locale: "da-DK" });
    const screen = await context.newPage();
    await screen.goto(`/m/${meeting.code}/skaerm?k=${meeting.screenKey}`);
    await waitForHydration(screen);
    await expect(screen.locator(".screen-where")).toHaveText("Mødet er slut");
    await expect(screen.locator(".agreed-item")).toHaveCount(2);
    await expect(screen.locator(".agreed .action-item")).toHaveCount(4);
    await expect(screen.locator(".agreed")).toContainText("18. december 2026");
    await context.close();
    if (people === 24) await shootPhone(browser, room[0], meeting.code, "end", out);
  });
}

/** The stations on the projector at each size: how many, and whether their box shows all of
 * its text (the box fits its text by size, and must not cut a station off). */
async function stationsShown(browser: Browser, meeting: Meeting, out: (name: string) => string, label: string) {
  const seen: string[] = [];
  for (const [width, height] of [[1920, 1080], [1280, 720], [1024, 768]]) {
    const context = await browser.newContext({ viewport: { width, height }, locale: "da-DK" });
    const page = await context.newPage();
    await page.goto(`/m/${meeting.code}/skaerm?k=${meeting.screenKey}`);
    await waitForHydration(page);
    await expect(page.locator(".station").first()).toBeVisible();
    const count = await page.locator(".station").count();
    const whole = await page.locator(".question-box").evaluate((box) => box.scrollHeight <= box.clientHeight + 1);
    await page.screenshot({ path: out(`projector-${label}-stations-${width}x${height}.png`) });
    seen.push(`${width}x${height}: ${count} stations${whole ? "" : ", cut off"}`);
    await context.close();
  }
  return seen;
}

// The café's screens: the rounds with the table plan (round 1 with stations), the phones'
// tables and the harvest wall.
for (const people of [3, 24]) {
  test(`the café's screens fit with ${people} at the tables`, async ({ browser, baseURL }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "the sizes are set here");
    test.setTimeout(240_000);
    const out = (name: string) => testInfo.outputPath(name);
    const leader = await playwrightRequest.newContext({ baseURL });
    const meeting = await startMeeting(leader, "foraeldrecafe-samarbejdspartnere");
    const room: Person[] = [];
    for (let i = 0; i < people; i++) {
      const api = await playwrightRequest.newContext({ baseURL });
      await send(api, meeting.code, { type: "join" });
      room.push({ api, answers: [] });
    }
    // One host per table of at most five.
    const tables = Math.ceil(people / 5);
    for (const person of room.slice(0, tables)) await send(person.api, meeting.code, { type: "volunteer", willing: true });
    // Two people without a phone, added on the console: one by name, one as "Gæst 2".
    for (const name of ["Farmor Inge", ""]) await host(leader, meeting, { type: "add_guest", guest: randomUUID(), name });
    // Stations: round 1 has two statements, so the projector shows each with its tables.
    await host(leader, meeting, { type: "set_tables", tables: 0, per_table: 5, stations: true });
    if (people === 24) await shootPhone(browser, room[0], meeting.code, "cafe-volunteered", out);
    if (people === 24) await shootPhone(browser, room[tables], meeting.code, "cafe-before", out, "Vil du være bordvært?");

    for (const round of [0, 1]) {
      await host(leader, meeting, { type: "go_to", step: round, phase: "intro" });
      await checkProjector(browser, meeting, `cafe-${people}-round-${round + 1}-intro`, out, { least: tables });
      if (round === 0 && tables > 1) {
        expect(await stationsShown(browser, meeting, out, `cafe-${people}-round-1-intro`)).toEqual(
          ["1920x1080", "1280x720", "1024x768"].map((size) => `${size}: 2 stations`),
        );
      }
      if (people === 24) await shootPhone(browser, room[tables], meeting.code, `cafe-round-${round + 1}-move`, out);
      await host(leader, meeting, { type: "go_to", step: round, phase: "reflect" });
      for (const [i, person] of room.entries()) {
        if (i % 2 === 1) continue; // about half the table writes
        const text = ANSWERS[i % ANSWERS.length];
        await send(person.api, meeting.code, { type: "submit_answer", answer: randomUUID(), text, lang: "da" });
      }
      await checkProjector(browser, meeting, `cafe-${people}-round-${round + 1}-reflect`, out, { least: tables });
      if (people === 24 && round === 0) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "da-DK" });
        const console_ = await context.newPage();
        await console_.goto(`/m/${meeting.code}/styring?k=${meeting.hostKey}`);
        await waitForHydration(console_);
        await expect(console_.locator(".console-guests .guest-item")).toHaveCount(2);
        await console_.screenshot({ path: out("console-cafe-round-1-1366x768.png"), fullPage: true });
        await context.close();
      }
      if (people === 24) await shootPhone(browser, room[0], meeting.code, `cafe-round-${round + 1}-host`, out);
      if (people === 24) await shootPhone(browser, room[tables + 1], meeting.code, `cafe-round-${round + 1}-table`, out);
    }
    // The harvest: each table a point under each of the three headings, shown heading by
    // heading with its table, voted on across the tables.
    await host(leader, meeting, { type: "go_to", step: 4, phase: "reflect" });
    const proposals: string[] = [];
    const harvest = [
      "Et fælles forældremøde hvert halve år om trivsel i klassen",
      "Skolen sender en kort hilsen om ugen med billeder fra hverdagen",
      "Vi forældre inviterer de nye familier med til legeaftaler",
    ];
    for (const person of room.slice(0, tables)) {
      for (const [heading, text] of harvest.entries()) {
        const answer = randomUUID();
        proposals.push(answer);
        await send(person.api, meeting.code, { type: "submit_answer", answer, text, lang: "da", heading });
      }
    }
    if (people === 24) await shootPhone(browser, room[tables + 1], meeting.code, "cafe-harvest-reflect", out, "Hvor hører pointen hjemme?");
    await host(leader, meeting, { type: "go_to", step: 4, phase: "reveal" });
    await checkProjector(browser, meeting, `cafe-${people}-harvest-reveal`, out, { least: tables });
    await host(leader, meeting, { type: "go_to", step: 4, phase: "vote" });
    for (const [i, person] of room.entries()) {
      await send(person.api, meeting.code, { type: "set_dots", target: { answer: proposals[i % proposals.length] }, dots: 1 });
    }
    await host(leader, meeting, { type: "go_to", step: 4, phase: "agree" });
    await checkProjector(browser, meeting, `cafe-${people}-harvest-agree`, out, { least: tables });
    if (people === 24) await shootPhone(browser, room[3], meeting.code, "cafe-harvest-agree", out);
  });
}
