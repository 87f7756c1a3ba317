import { expect, signInAndWait, test } from "./fixtures";

const ORIGIN = "http://127.0.0.1:" + (process.env.E2E_PORT ?? 3100);

test("an admin renames a user; the change is in their history, and nobody else may do it", async ({ page, browser }) => {
  const run = Date.now().toString(36);
  await signInAndWait(page, "admin@example.org");
  const created = await page.request.post("/api/admin/users", {
    headers: { Origin: ORIGIN },
    data: { name: `Samir Typo ${run}`, email: `samir-${run}@example.org`, role: "REVIEWER", method: "invitation" },
  });
  expect(created.status()).toBe(201);
  const { user } = (await created.json()) as { user: { id: string } };

  await page.goto(`/admin/users/${user.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Samir Typo ${run}` })).toBeVisible();
  await page.getByLabel("Display name").fill("   ");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();

  await page.getByLabel("Display name").fill(`Samir Taha ${run}`);
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Name is now" })).toHaveText(`Name is now Samir Taha ${run}.`);
  await expect(page.getByRole("heading", { level: 1, name: `Samir Taha ${run}` })).toBeVisible();
  await expect(page.getByText(`Name changed from “Samir Typo ${run}” to “Samir Taha ${run}”`)).toBeVisible();

  // An editor knows the address of the route but is not an admin.
  const editor = await browser.newPage();
  await signInAndWait(editor, "editor@example.org");
  const refused = await editor.request.post(`/api/admin/users/${user.id}/name`, { headers: { Origin: ORIGIN }, data: { name: "Hijacked" } });
  expect(refused.status()).toBe(403);
  await editor.close();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Samir Taha ${run}` })).toBeVisible();
});
