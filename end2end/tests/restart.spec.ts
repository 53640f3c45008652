import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, waitForHydration } from "./fixtures";

// The server is killed in the middle of a meeting (kill -9, as a power cut) and started again
// over the same data: the open pages notice, say so calmly, reconnect by themselves and follow
// the meeting on without a reload. This test runs a server of its own on another port.

const BIN = process.env.E2E_SERVER_BIN ?? "target/debug/samraad";

function freePort(): string {
  return execFileSync("python3", ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
    .toString()
    .trim();
}

async function startServer(port: string, dataDir: string): Promise<ChildProcess> {
  const child = spawn(BIN, ["--addr", `127.0.0.1:${port}`, "--data-dir", dataDir], {
    cwd: "..",
    env: { ...process.env, RUST_LOG: "warn" },
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not start");
}

test.describe("a server restart in the middle of a meeting", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "one run is enough");
  });
  // While the server is down the pages log failed requests; that is what is being tested.
  test.use({ expectedConsoleErrors: [/ERR_CONNECTION_REFUSED|Failed to load resource|EventSource/] });

  test("loses nothing and the pages reconnect by themselves", async ({ browser }) => {
    test.setTimeout(60_000);
    const port = freePort();
    const base = `http://127.0.0.1:${port}`;
    const dataDir = mkdtempSync(join(tmpdir(), "samraad-restart-"));
    let server = await startServer(port, dataDir);
    try {
      const host = await browser.newPage({ baseURL: base });
      await host.goto("/ny");
      await host.getByLabel("Teamets navn").fill("Skolebestyrelsen");
      await host.getByLabel("Mødets titel").fill("Møde om skole-hjem-samarbejdet");
      await host.getByLabel("Egne spørgsmål").check();
      await host.getByLabel("Spørgsmål", { exact: true }).fill("Hvad skal forældre kunne regne med?");
      await host.getByRole("button", { name: "Start mødet" }).click();
      await waitForHydration(host);
      const code = (await host.locator(".console-code strong").textContent())!.trim();

      const phoneContext = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, locale: "da-DK" });
      const phone = await phoneContext.newPage();
      await phone.goto(`/m/${code}`);
      await phone.getByRole("button", { name: "Deltag" }).click();
      await waitForHydration(phone);
      await host.getByRole("button", { name: /^Næste/ }).click();
      await phone.getByLabel("Skriv dit svar").fill("At de bliver hørt");
      await phone.getByRole("button", { name: "Send svar" }).click();
      await expect(phone.locator(".answer-list.mine")).toContainText("At de bliver hørt");

      server.kill("SIGKILL");
      await expect(phone.locator(".connection-notice")).toHaveText("Forbindelsen er tabt – vi prøver igen.", { timeout: 15_000 });
      server = await startServer(port, dataDir);

      await expect(phone.locator(".connection-notice")).toHaveAttribute("data-connection", "live", { timeout: 30_000 });
      await expect(host.locator(".connection-notice")).toHaveAttribute("data-connection", "live", { timeout: 30_000 });
      await expect(host.locator('[data-count="answers"]')).toHaveText("1");
      await host.getByRole("button", { name: /^Næste/ }).click(); // reveal, after the restart
      await expect(phone.getByText("Svarene vises nu på skærmen")).toBeVisible();
      await expect(phone.locator(".answer-card")).toContainText("At de bliver hørt");
      await phoneContext.close();
      await host.close();
    } finally {
      server.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
