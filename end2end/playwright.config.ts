import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

// `make test` builds the site and the server, then runs this suite against a server of its
// own: a free port and a fresh data directory, so a run never touches ./data. Debian's
// Chromium is used; `playwright install` cannot download browsers on these machines.
const port =
  process.env.E2E_PORT ??
  execFileSync("python3", [
    "-c",
    "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
  ])
    .toString()
    .trim();
process.env.E2E_PORT = port; // workers inherit the same port
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "samraad-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // Danish browsers by default, as in the rooms Samråd is made for; tests that need another
  // language ask for it.
  use: { baseURL, locale: "da-DK", launchOptions: chromium, trace: "retain-on-failure" },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], locale: "da-DK", launchOptions: chromium } },
    { name: "phone", use: { ...devices["Pixel 7"], locale: "da-DK", launchOptions: chromium } },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        // Run from the repository root, where the site is built (target/site).
        cwd: "..",
        command: `${process.env.E2E_SERVER_BIN ?? "target/debug/samraad"} --addr 127.0.0.1:${port} --data-dir ${dataDir}`,
        url: `${baseURL}/healthz`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: "pipe",
        stderr: "pipe",
        env: { RUST_LOG: process.env.RUST_LOG ?? "warn" },
      },
});
