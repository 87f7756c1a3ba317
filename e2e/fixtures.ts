import { expect, test as base, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "factmark-demo";
export const SEED_SLUG = "in-syrian-christian-town-isis-mass-executed-116-people-before-assads-army-closed";
export const SEED_TITLE = "In Syrian Christian Town, ISIS Mass-Executed 116 People Before Assad's Army Closed In";

/** Every test fails on a browser console error or an uncaught exception (hydration errors included). */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`${m.text()} @ ${m.location().url}`);
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      await use(errors);
      // Status codes the test asked for (401 from a wrong password, 403, 404) are logged by Chromium as resource errors.
      const unexpected = errors.filter((e) => !/Failed to load resource: the server responded with a status of (401|403|404)/.test(e));
      expect(unexpected, unexpected.join("\n")).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAndWait(page: Page, email: string, password = DEMO_PASSWORD) {
  await signIn(page, email, password);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
