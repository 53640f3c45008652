// What a phone downloads before the meeting page is live, on a slow network.
//
//   make site && cargo build -p server
//   SAMRAAD_ADDR=127.0.0.1:3999 SAMRAAD_DB=mem:// target/debug/samraad &
//   node end2end/bench/phone-download.mjs http://127.0.0.1:3999 [cpu-slowdown]
//
// Chromium's DevTools throttling: 1.6 Mbit/s down, 0.75 Mbit/s up, 150 ms latency (the issue's
// weak school Wi-Fi), optionally a CPU slowed down N times. Three first visits (each in a fresh
// browser context, nothing cached), then a reload of the last one (the cached bundle). Prints
// the bytes on the wire and the time from the start of the navigation until the page is live
// (the moment `body[data-hydrated]` is set, taken in the page: Playwright's own wait notices it
// up to 0.4 s later).
import { chromium } from "../node_modules/playwright-core/index.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:3999";
const cpu = Number(process.argv[3] ?? 1);
const created = await fetch(`${base}/ny`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
  body: "team=Skolen&titel=M%C3%B8de&skabelon=egne&spoergsmaal=Hvad+er+godt%3F",
});
const code = created.headers.get("location")?.match(/\/m\/([A-Z2-9]{6})\//)?.[1];
if (!code) throw new Error(`no meeting was started (${created.status})`);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
async function visit(page, cdp, load) {
  let bytes = 0;
  const count = (event) => (bytes += event.encodedDataLength);
  cdp.on("Network.loadingFinished", count);
  await load();
  await page.waitForSelector("body[data-hydrated]", { timeout: 60_000 });
  const ms = await page.evaluate(() => Math.round(window.__liveAt));
  cdp.off("Network.loadingFinished", count);
  return { ms, kb: Math.round(bytes / 100) / 10 };
}
let last;
for (let run = 1; run <= 3; run++) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "da-DK" });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.dataset.hydrated) {
        window.__liveAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: 1.6e6 / 8,
    uploadThroughput: 0.75e6 / 8,
  });
  if (cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  const first = await visit(page, cdp, () => page.goto(`${base}/m/${code}`));
  console.log(`first visit ${run}: ${first.kb} KB, live after ${first.ms} ms`);
  last = { page, cdp };
}
const again = await visit(last.page, last.cdp, () => last.page.reload());
console.log(`reload: ${again.kb} KB, live after ${again.ms} ms`);
await browser.close();
