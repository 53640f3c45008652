import { test, expect, waitForHydration } from "./fixtures";

// The phone's download, as a phone on school Wi-Fi meets it: the phone page loads its own,
// smaller bundle; every bundle has a content-hashed name, comes brotli-compressed and may be
// kept for good; a file without a hash is revalidated with a 304.

async function bundleOf(html: string) {
  const js = html.match(/\/pkg\/([a-z-]+)\.([0-9a-f]{12})\.js/);
  const wasm = html.match(/\/pkg\/([a-z-]+)\.([0-9a-f]{12})\.wasm/);
  const css = html.match(/\/pkg\/samraad\.([0-9a-f]{12})\.css/);
  expect(js, "a hashed script").not.toBeNull();
  expect(wasm, "a hashed WebAssembly file").not.toBeNull();
  expect(css, "a hashed stylesheet").not.toBeNull();
  return { name: js![1], js: js![0], wasm: wasm![0], css: css![0] };
}

test("a phone loads its own hashed, brotli-compressed bundle, kept for good", async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "raw requests: one run is enough");
  const started = await request.post("/ny", {
    form: { team: "Skolen", titel: "Forældremøde", skabelon: "egne", spoergsmaal: "Hvad er godt?" },
    maxRedirects: 0,
  });
  const code = started.headers()["location"].match(/\/m\/([A-Z2-9]{6})\//)![1];
  const phone = await bundleOf(await (await request.get(`/m/${code}`)).text());
  const site = await bundleOf(await (await request.get("/bibliotek")).text());
  expect(phone.name).toBe("samraad-phone");
  expect(site.name).toBe("samraad");

  const sizes: Record<string, number> = {};
  for (const [label, path] of [["phone", phone.wasm], ["site", site.wasm], ["phone js", phone.js], ["css", phone.css]]) {
    const response = await request.get(path, { headers: { "accept-encoding": "br, gzip" } });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-encoding"], path).toBe("br");
    expect(response.headers()["cache-control"], path).toBe("public, max-age=31536000, immutable");
    sizes[label] = Number(response.headers()["content-length"]);
  }
  // The phone's bundle is the site's without the other pages: clearly smaller.
  expect(sizes["phone"]).toBeLessThan(sizes["site"] * 0.8);
  // The budget for a phone on weak Wi-Fi (README, "The phone's download").
  expect(sizes["phone"]).toBeLessThanOrEqual(250_000);
  testInfo.annotations.push({ type: "brotli bytes", description: JSON.stringify(sizes) });

  // A file without a hash is revalidated: a second look costs a 304 and no body.
  const first = await request.get("/pkg/samraad.css");
  const lastModified = first.headers()["last-modified"];
  expect(lastModified).toBeTruthy();
  const again = await request.get("/pkg/samraad.css", { headers: { "if-modified-since": lastModified } });
  expect(again.status()).toBe(304);
});

test("in the phone's bundle the language switches in place and is remembered", async ({ page, request, context }) => {
  const started = await request.post("/ny", {
    form: { team: "Skolen", titel: "Forældremøde", skabelon: "egne", spoergsmaal: "Hvad er godt?" },
    maxRedirects: 0,
  });
  const code = started.headers()["location"].match(/\/m\/([A-Z2-9]{6})\//)![1];
  await page.goto(`/m/${code}`);
  await waitForHydration(page);
  expect(await page.evaluate(() => document.querySelector('script[type="module"]')?.textContent)).toContain("samraad-phone");
  await page.evaluate(() => ((window as any).__samePage = true));
  await page.locator(".lang-menu summary").click(); // the phone's seven languages, in a menu
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator(".lang-menu")).not.toHaveAttribute("open", "");
  await expect(page.getByRole("heading", { name: "Join the meeting" })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__samePage)).toBe(true); // no page load
  // The switch writes the cookie itself (leptos_i18n's cookie code is on the server only).
  const cookie = (await context.cookies()).find((c) => c.name === "i18n_pref_locale");
  expect(cookie?.value).toBe("en");
  expect(cookie?.path).toBe("/");
  expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 300 * 24 * 3600);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Join the meeting" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
