import { expect, SAME_ORIGIN, signInAndWait, test } from "./fixtures";

// Issue 20: no dead ends in the core flows. Each test walks one as a new user would.

const run = Date.now().toString(36);
const JSON_WRITE = { ...SAME_ORIGIN, "content-type": "application/json" };

test("item 7: a bad invitation link answers 404, a used one 410, each with its page", async ({ page, browser }) => {
  await signInAndWait(page, "admin@example.org");
  const created = await page.request.post("/api/admin/users", {
    headers: JSON_WRITE,
    data: { name: "Ida Invited", email: `ida-${run}@example.org`, role: "REVIEWER", method: "invitation" },
  });
  expect(created.status()).toBe(201);
  const { invitation } = (await created.json()) as { invitation: { token: string; path: string } };

  const guest = await browser.newContext();
  const gp = await guest.newPage();
  expect((await gp.goto(invitation.path))?.status()).toBe(200);
  await expect(gp.getByRole("heading", { name: "Set your password" })).toBeVisible();

  const accepted = await gp.request.post("/api/account/invitation", {
    headers: JSON_WRITE,
    data: { token: invitation.token, newPassword: "ida picks a long passphrase", confirmNewPassword: "ida picks a long passphrase" },
  });
  expect(accepted.status()).toBe(200);
  const used = await gp.goto(invitation.path);
  expect(used?.status()).toBe(410);
  await expect(gp.getByTestId("invitation-error")).toContainText("already been used");

  const bad = await gp.goto("/invite/this-is-not-a-real-token");
  expect(bad?.status()).toBe(404);
  await expect(gp.getByTestId("invitation-error")).toContainText("This invitation link is not valid.");
  await guest.close();
});

test("item 7: a one-time password must be changed before any other page or API", async ({ page, browser }) => {
  const email = `otto-${run}@example.org`;
  const oneTime = "otto gets a one-time passphrase";
  await signInAndWait(page, "admin@example.org");
  const created = await page.request.post("/api/admin/users", {
    headers: JSON_WRITE,
    data: { name: "Otto Onetime", email, role: "EDITOR", method: "password", password: oneTime },
  });
  expect(created.status()).toBe(201);

  const context = await browser.newContext();
  const op = await context.newPage();
  await signInAndWait(op, email, oneTime);
  await op.goto("/review/queue");
  await expect(op).toHaveURL(/\/account$/);
  await op.goto("/");
  await expect(op).toHaveURL(/\/account$/);
  const api = await op.request.post("/api/notifications/read", { headers: JSON_WRITE, data: {} });
  expect(api.status()).toBe(403);
  expect(((await api.json()) as { error: { message: string } }).error.message).toMatch(/one-time password/);

  await op.getByLabel("Current password").fill(oneTime);
  await op.getByLabel("New password", { exact: true }).fill("otto now has his own passphrase");
  await op.getByLabel(/new password again|confirm/i).fill("otto now has his own passphrase");
  await op.getByRole("button", { name: "Change password" }).click();
  await expect(op.getByTestId("password-status")).toContainText("Password changed");
  await op.goto("/review/queue");
  await expect(op).toHaveURL(/\/review\/queue$/);
  await context.close();
});
