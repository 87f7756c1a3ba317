import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// One host name everywhere: the session cookie is bound to it (127.0.0.1 is not localhost).
const HOST = "127.0.0.1";
export const E2E_DATA_DIR = ".data/e2e";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1, // a 2-core machine: one browser, one server
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://${HOST}:${PORT}`,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1200, height: 900 },
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    // A fresh embedded database for every run; `npm test` has built the app just before.
    command: `rm -rf ${E2E_DATA_DIR} ${E2E_DATA_DIR}.lock && node lib/cli/start.mjs`,
    url: `http://${HOST}:${PORT}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(PORT), HOST, DATABASE_URL: `pglite:${E2E_DATA_DIR}`, FACTMARK_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1",
      // Issue 18: e2e/source-archive.spec.ts fetches from a local test site and waits for a re-check.
      FACTMARK_FETCH_ALLOW_LOOPBACK: "1", FACTMARK_SOURCE_RECHECK_HOURS: "0.001", FACTMARK_WORKER_POLL_MS: "500" },
  },
});
