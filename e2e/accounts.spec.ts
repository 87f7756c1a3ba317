import type { Browser, Page } from "@playwright/test";
import { expect, SEED_SLUG, signIn, signInAndWait, test as base, SAME_ORIGIN } from "./fixtures";

// The account routes answer bad input with 400 or 409 by design, and Chromium logs every non-2xx
// fetch as a console error. This spec lets those through too; anything else still fails.
const test = base.extend<{ consoleErrors: string[] }>({
  // A plain override keeps the fixture automatic (Playwright inherits `auto` from the original).
  consoleErrors: async ({ page }, provide) => {
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${m.text()} @ ${m.location().url}`);
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await provide(errors);
    const unexpected = errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|403|404|409)/.test(e));
    expect(unexpected, unexpected.join("\n")).toEqual([]);
  },
});

const REVIEW_URL = `/articles/${SEED_SLUG}/review`;
const run = Date.now().toString(36);

async function openNewUserForm(page: Page) {
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByRole("button", { name: "New user" }).click();
}

async function fillNewUser(page: Page, name: string, email: string, role: string) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
}

async function newSignedInContext(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndWait(page, email, password);
  return { context, page };
}

test("an admin invites a reviewer who sets a password and reviews; deactivation ends their open session", async ({ page, browser }) => {
  const email = `ivy-${run}@example.org`;
  const password = "ivy chooses a long passphrase";
  await signInAndWait(page, "admin@example.org");
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.getByRole("button", { name: "New user" }).click();
  await fillNewUser(page, "Ivy Invited", email, "Reviewer");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = page.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const url = await link.inputValue();
  const row = page.getByRole("row", { name: /Ivy Invited/ });
  await expect(row).toContainText("Reviewer");
  await expect(row).toContainText("invitation pending");

  // The invited person, in their own browser.
  const invitee = await browser.newContext();
  const ip = await invitee.newPage();
  await ip.goto(url);
  await expect(ip.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await expect(ip.getByText(email)).toBeVisible();
  await ip.getByLabel("New password", { exact: true }).fill(password);
  await ip.getByLabel("Confirm new password", { exact: true }).fill("not the same passphrase");
  await ip.getByRole("button", { name: "Set password" }).click();
  await expect(ip.getByText("The two new passwords do not match.")).toBeVisible();
  await ip.getByLabel("Confirm new password", { exact: true }).fill(password);
  await ip.getByRole("button", { name: "Set password" }).click();
  await expect(ip.getByText("Your password is set.")).toBeVisible();

  // The link works once.
  await ip.goto(url);
  await expect(ip.getByTestId("invitation-error")).toContainText("already been used");

  await signInAndWait(ip, email, password);
  await expect(ip.getByTestId("current-user")).toHaveText(/Ivy Invited\s+Reviewer/);
  const review = await ip.goto(REVIEW_URL);
  expect(review?.status()).toBe(200);
  await expect(ip).toHaveURL(new RegExp(`${REVIEW_URL}$`));
  await expect(ip.getByRole("heading", { level: 1, name: /^Review:/ })).toHaveCount(1);

  // The admin deactivates them; their open session is refused on the next navigation.
  await page.reload();
  await expect(row).toContainText(/Active/);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  await expect(row.getByRole("button", { name: "Reactivate" })).toBeVisible();

  await ip.goto(REVIEW_URL);
  await expect(ip).toHaveURL(/\/login\?callbackUrl=/);
  await expect(ip.getByRole("link", { name: "Sign in" })).toBeVisible();
  await signIn(ip, email, password);
  await expect(ip.getByTestId("login-error")).toHaveText("Wrong email or password.");
  await invitee.close();

  // Every change is in the user's history, with who did it.
  await row.getByRole("link", { name: "Ivy Invited" }).click();
  const history = page.getByTestId("account-events");
  await expect(history).toContainText("Account deactivated");
  await expect(history).toContainText("Invitation link used");
  await expect(history).toContainText("Account created as Reviewer, with an invitation link");
  await expect(history.getByRole("row", { name: /Account deactivated/ })).toContainText("Ada Admin");

  // Reactivation lets them in again.
  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByTestId("user-status")).toHaveText(/^Active/);
});

test("a reviewer gets the 403 page at /admin/users, and 403 from every admin action", async ({ page }) => {
  await signInAndWait(page, "reviewer@example.org");
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  expect((await page.goto("/admin/users/anything"))?.status()).toBe(403);

  const json = { "content-type": "application/json" };
  const attempts = [
    page.request.post("/api/admin/users", { headers: json, data: { name: "Mallory", email: `mallory-${run}@example.org`, role: "ADMIN", method: "password", password: "mallory's own passphrase" } }),
    page.request.post("/api/admin/users/some-user/role", { headers: json, data: { role: "ADMIN" } }),
    page.request.post("/api/admin/users/some-user/deactivate", { headers: json, data: {} }),
    page.request.post("/api/admin/users/some-user/reactivate", { headers: json, data: {} }),
    page.request.post("/api/admin/users/some-user/invitation", { headers: json, data: {} }),
    // Whatever the body, the role is checked first.
    page.request.post("/api/admin/users", { headers: { "content-type": "text/plain" }, data: "nonsense" }),
  ];
  for (const res of await Promise.all(attempts)) {
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/needs the role Admin/) });
  }
  // And nobody signed in gets 401.
  const anonymous = await page.context().browser()!.newContext();
  const res = await anonymous.request.post(`${new URL(page.url()).origin}/api/admin/users`, { headers: json, data: {} });
  expect(res.status()).toBe(401);
  await anonymous.close();
});

test("a password change keeps this browser signed in and signs out the user's other browser", async ({ page, browser }) => {
  const email = `paula-${run}@example.org`;
  const oneTime = "a one-time passphrase";
  const next = "paula's own new passphrase";
  await signInAndWait(page, "admin@example.org");
  await openNewUserForm(page);
  await fillNewUser(page, "Paula Password", email, "Editor");
  await page.getByLabel("One-time password").fill(oneTime);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("created-user")).toContainText("Created Paula Password");

  const a = await newSignedInContext(browser, email, oneTime);
  const b = await newSignedInContext(browser, email, oneTime);
  await a.page.getByRole("link", { name: "Please change your one-time password" }).click();
  await expect(a.page).toHaveURL(/\/account$/);

  // A wrong current password and a common new one are refused beside their fields.
  await a.page.getByLabel("Current password").fill("not my password at all");
  await a.page.getByLabel("New password", { exact: true }).fill(next);
  await a.page.getByLabel("Confirm new password").fill(next);
  await a.page.getByRole("button", { name: "Change password" }).click();
  await expect(a.page.getByText("Your current password is not right.").first()).toBeVisible();
  await expect(a.page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

  await a.page.getByLabel("Current password").fill(oneTime);
  await a.page.getByLabel("New password", { exact: true }).fill("password123456");
  await a.page.getByLabel("Confirm new password").fill("password123456");
  await a.page.getByRole("button", { name: "Change password" }).click();
  await expect(a.page.locator("#newPassword-error")).toContainText("too common");

  await a.page.getByLabel("New password", { exact: true }).fill(next);
  await a.page.getByLabel("Confirm new password").fill(next);
  await a.page.getByRole("button", { name: "Change password" }).click();
  await expect(a.page.getByTestId("password-status")).toHaveText("Password changed. Your other sessions have been signed out.");

  // This browser is still signed in, on a fresh session.
  await a.page.reload();
  await expect(a.page.getByTestId("current-user")).toHaveText(/Paula Password\s+Editor/);
  await expect(a.page.getByRole("link", { name: "Please change your one-time password" })).toHaveCount(0);
  // The other one is out on its next navigation.
  await b.page.goto("/account");
  await expect(b.page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  expect((await (await b.page.request.get("/api/auth/session")).json()).user).toBeUndefined();
  await a.context.close();
  await b.context.close();
});

test("bad input gets clear messages: duplicate and invalid email, unusable links, the last admin", async ({ page }) => {
  await signInAndWait(page, "admin@example.org");
  await openNewUserForm(page);
  await fillNewUser(page, "Someone", "editor@example.org", "Reader");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.locator("#email-error")).toHaveText("A user with this email address already exists.");
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email", { exact: true }).fill("not an email");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address, like name@example.org.");

  // The server says the same when the form is bypassed, and never shows a stack trace.
  const res = await page.request.post("/api/admin/users", { headers: { "content-type": "application/json", ...SAME_ORIGIN }, data: { name: "X", email: "nope", role: "READER", method: "invitation" } });
  expect(res.status()).toBe(400);
  const body = await res.text();
  expect(body).toContain("Enter a valid email address");
  expect(body).not.toMatch(/\bat .*\.(js|ts):\d+/);
  const malformed = await page.request.post("/api/admin/users", { headers: { "content-type": "application/json", ...SAME_ORIGIN }, data: Buffer.from("{oops") });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.message).toBe("The request body is not valid JSON.");

  // An invitation link that does not exist, or is mangled.
  await page.goto("/invite/this-is-not-a-real-token");
  await expect(page.getByTestId("invitation-error")).toContainText("This invitation link is not valid.");

  // The only active admin cannot demote or deactivate themselves.
  await page.goto("/admin/users?q=admin%40example.org");
  await page.getByRole("row", { name: /Ada Admin/ }).getByRole("link", { name: "Ada Admin" }).click();
  // Wait for the user's page itself: the list page being left also has a "Role" field.
  await expect(page.getByRole("heading", { level: 1, name: "Ada Admin" })).toBeVisible();
  await page.getByLabel("Role", { exact: true }).selectOption("EDITOR");
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("EDITOR");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "last active admin" })).toBeVisible();
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "last active admin" }).last()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("user-status")).toHaveText(/^Active/);
  await expect(page.getByTestId("current-user")).toHaveText(/Ada Admin\s+Admin/);
});

test("the user list filters by role and searches by name or address", async ({ page }) => {
  await signInAndWait(page, "admin@example.org");
  await page.goto("/admin/users");
  await page.getByLabel("Show").selectOption({ label: "Reviewer" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/role=REVIEWER/);
  const rows = page.getByTestId("user-row");
  await expect(rows.filter({ hasText: "Rita Reviewer" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Eddie Editor" })).toHaveCount(0);
  await page.getByLabel("Search").fill("REVIEWER2@");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Rob Reviewer");
  await expect(rows.first()).toContainText("Never");
});
