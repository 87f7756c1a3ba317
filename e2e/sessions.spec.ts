import { expect, signInAndWait, test } from "./fixtures";

// Issue 12, item 3: a session cookie copied before sign-out kept working until it expired.
test("signing out ends the session on the server: a copy of the cookie stops working at once", async ({ page, playwright, baseURL }) => {
  await signInAndWait(page, "reviewer2@example.org");
  const sessionCookies = (await page.context().cookies()).filter((c) => c.name.includes("next-auth.session-token"));
  expect(sessionCookies).toHaveLength(1);

  // Another client holding a copy of the cookie, as a thief would.
  const copy = await playwright.request.newContext({ baseURL, storageState: { cookies: sessionCookies, origins: [] } });
  // Proper JSON from the app's own origin, so only the session decides (not the CSRF guard).
  const headers = { "content-type": "application/json", origin: baseURL! };
  const comment = () => copy.post("/api/claims/no-such-claim/comments", { headers, data: { body: "Am I still signed in?" }, maxRedirects: 0 });

  // While the session is open, the copy works: the comment is refused only because the claim does not exist.
  expect(await (await copy.get("/api/auth/session")).json()).toMatchObject({ user: { email: "reviewer2@example.org" } });
  expect((await comment()).status()).toBe(404);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  const afterwards = await copy.get("/api/auth/session");
  expect(afterwards.status()).toBe(200);
  expect(await afterwards.json()).not.toHaveProperty("user");
  const refused = await comment();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  // Pages too: the account page sends the copy to the sign-in page.
  const account = await copy.get("/account");
  expect(new URL(account.url()).pathname).toBe("/login");
  await copy.dispose();
});

test("signing out in one browser leaves the same user's other sessions open", async ({ page, browser }) => {
  const other = await browser.newPage();
  await signInAndWait(other, "reviewer2@example.org");
  await signInAndWait(page, "reviewer2@example.org");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await other.reload();
  await expect(other.getByRole("button", { name: "Sign out" })).toBeVisible();
  await other.close();
});

test("when the server cannot end the session, the page says so instead of looking signed out", async ({ page, consoleErrors }) => {
  await signInAndWait(page, "reviewer2@example.org");
  // What the sign-out route answers while the database is down (503 with a reason).
  await page.route("**/api/auth/signout", (route) =>
    route.fulfill({ status: 503, headers: { "retry-after": "5" }, json: { error: { code: "UNAVAILABLE", message: "The database is not reachable right now; nothing was changed. Try again in a moment." } } }),
  );
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The database is not reachable right now" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  // Chromium logs the 503 this test provokes; it is the expected answer, not a page error.
  const provoked = consoleErrors.filter((e) => /status of 503/.test(e));
  expect(provoked).toHaveLength(1);
  consoleErrors.splice(consoleErrors.indexOf(provoked[0]!), 1);
  await page.unroute("**/api/auth/signout");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});
