import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, signInAndWait, test } from "./fixtures";

// A newsroom starting on its own database: no demo users, so no admin. The server prints a
// one-time setup code, and /setup turns it into the first admin.
const SETUP_PORT = Number(process.env.E2E_SETUP_PORT ?? 3101);
const SETUP_URL = `http://127.0.0.1:${SETUP_PORT}`;
const DATA_DIR = ".data/e2e-setup";
const CODE = /\[setup\][^\n]*\n\s*\n\s*([A-Z2-9]{5}(?:-[A-Z2-9]{5}){3})/;

let server: ChildProcess | undefined;
let log = "";

function startServer(): Promise<string> {
  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync(`${DATA_DIR}.lock`, { force: true });
  log = "";
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(SETUP_PORT), HOST: "127.0.0.1", DATABASE_URL: `pglite:${DATA_DIR}`, NEXTAUTH_URL: SETUP_URL };
  delete env.FACTMARK_DEMO;
  server = spawn(process.execPath, ["lib/cli/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no setup code within 120 s:\n${log}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = CODE.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    server!.stdout!.on("data", onData);
    server!.stderr!.on("data", onData);
    server!.on("exit", (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
}

test.describe("first run", () => {
  test.describe.configure({ timeout: 180_000 });
  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(DATA_DIR, { recursive: true, force: true });
  });

  test("the setup code from the log creates the first admin, once", async ({ page }) => {
    const code = await startServer();
    await page.goto(`${SETUP_URL}/setup`);
    await expect(page.getByRole("heading", { level: 1, name: "Set up Factmark" })).toBeVisible();

    await page.getByLabel("Setup code").fill("AAAAA-BBBBB-CCCCC-DDDDD");
    await page.getByLabel("Name").fill("Nadia Newsroom");
    await page.getByLabel("Email").fill("nadia@example.org");
    await page.getByLabel("Password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Create admin" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "setup code" })).toContainText("That setup code is not valid");

    await page.getByLabel("Setup code").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Create admin" }).click();
    await expect(page.getByRole("status")).toContainText("The admin account nadia@example.org is ready");

    await page.goto(`${SETUP_URL}/login`);
    await page.getByLabel("Email").fill("nadia@example.org");
    await page.getByLabel("Password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.goto(`${SETUP_URL}/admin/users`);
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

    // Setup is closed now: the page is gone and the code is spent.
    const again = await page.goto(`${SETUP_URL}/setup`);
    expect(again?.status()).toBe(404);
    const replay = await page.request.post(`${SETUP_URL}/api/setup`, {
      data: { code, name: "Mallory", email: "mallory@example.org", password: "a long enough passphrase" },
      headers: { Origin: SETUP_URL },
    });
    expect(replay.status()).toBe(404);
    expect((await replay.json()).error.message).toContain("already set up");
  });
});

test("setup is not offered where an admin exists", async ({ page }) => {
  const res = await page.goto("/setup");
  expect(res?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · Factmark");
  await signInAndWait(page, "admin@example.org");
  expect((await page.goto("/setup"))?.status()).toBe(404);
});
