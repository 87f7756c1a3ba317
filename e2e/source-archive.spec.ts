// Issue 18, "Done means": a reviewer uses Fill from page against a local test site, the site then
// changes, and the reader sees the archived copy and the change warning. The app server runs with
// FACTMARK_FETCH_ALLOW_LOOPBACK=1 and a short re-check interval (playwright.config.ts).
import { articlePage, startTestSite, type TestSite } from "../lib/testing/test-site";
import { expect, SAME_ORIGIN, selectInArticle, signInAndWait, test } from "./fixtures";

const SITE_PORT = Number(process.env.E2E_SITE_PORT ?? 3241);
const QUOTE = "the spillway of the Valley County dam is safe";
const ORIGINAL = "The dam was inspected in March and found sound.\n\nInspectors noted minor cracks in the spillway.";

let site: TestSite;
test.beforeAll(async () => {
  site = await startTestSite(SITE_PORT);
  site.set("/dam-report", articlePage({ title: "Dam inspection report", publisher: "Valley Times", published: "2026-03-02T10:00:00Z", body: ORIGINAL }));
});
test.afterAll(async () => site?.close());

test("Fill from page, then the source changes: readers see the archived copy and the warning", async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The editor imports an article of this spec's own.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signInAndWait(editor, "editor@example.org");
  const imported = await editor.request.post("/api/articles/import", {
    headers: SAME_ORIGIN,
    data: { format: "text", title: `Dam safety ${Date.now()}`, content: `The county says ${QUOTE}, citing an inspection.\n\nResidents are not convinced.` },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  const { slug } = await imported.json();

  // The reviewer makes the claim in the workspace and fills the source from its page.
  await signInAndWait(page, "reviewer@example.org");
  await page.goto(`/articles/${slug}/review`);
  await selectInArticle(page, QUOTE);
  await page.getByRole("button", { name: "Add claim" }).click();
  const form = page.getByRole("form", { name: "New claim" });
  await form.getByLabel("Verdict").selectOption({ label: "Accurate" });
  await form.getByLabel("Explanation").fill("The inspection report says the dam was found sound.");
  await form.getByRole("button", { name: "Add source" }).click();
  const source = form.getByTestId("source").first();
  await source.getByLabel("Source URL").fill(site.url("/dam-report"));
  await source.getByRole("button", { name: "Fill from page" }).click();
  await expect(source.getByLabel("Source title")).toHaveValue("Dam inspection report");
  await expect(source.getByLabel("Publisher")).toHaveValue("Valley Times");
  await expect(source.getByLabel("Published on")).toHaveValue("2026-03-02");
  await source.getByLabel("Source title").fill("Dam inspection report (March)"); // editable before saving
  await source.getByLabel("Stance").selectOption({ label: "Supports the claim" });
  await form.getByRole("button", { name: "Save claim" }).click();
  const card = page.getByRole("region", { name: "Claims", exact: true }).getByTestId("claim-card").filter({ hasText: QUOTE });
  await expect(card).toHaveCount(1);
  const claimId = await card.getAttribute("data-claim-id");

  // Submit and approve through the API (other specs cover those screens).
  const submitted = await page.request.post(`/api/claims/${claimId}/transitions`, { headers: SAME_ORIGIN, data: { action: "submit", version: 1 } });
  expect(submitted.ok(), await submitted.text()).toBe(true);
  const approved = await editor.request.post(`/api/claims/${claimId}/transitions`, { headers: SAME_ORIGIN, data: { action: "approve", version: 2 } });
  expect(approved.ok(), await approved.text()).toBe(true);
  await editorContext.close();

  // The reader sees the archived copy, and no warning yet.
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  const openEvidence = async () => {
    // The anonymous page may be kept by the browser for its max-age (issue 21); a reload revalidates it.
    if (reader.url().endsWith(`/articles/${slug}`)) await reader.reload();
    else await reader.goto(`/articles/${slug}`);
    await reader.locator(`mark[data-claim-id="${claimId}"]`).first().click();
    const dialog = reader.getByRole("dialog");
    await expect(dialog).toBeVisible();
    return dialog;
  };
  let dialog = await openEvidence();
  await expect(dialog.getByRole("link", { name: "Archived copy" })).toBeVisible();
  await expect(dialog).not.toContainText("The page changed after this check");

  // The site changes; the background re-check notices, and the reader is told.
  site.set("/dam-report", articlePage({ title: "Dam inspection report", publisher: "Valley Times", published: "2026-03-02T10:00:00Z", body: "The dam was inspected in March and found UNSAFE.\n\nInspectors noted major cracks in the spillway." }));
  await expect(async () => {
    dialog = await openEvidence();
    await expect(dialog).toContainText("The page changed after this check", { timeout: 1000 });
  }).toPass({ timeout: 45_000, intervals: [1000, 2000] });

  // The archived copy is the page as the reviewer saw it, marked as a copy with its date.
  await dialog.getByRole("link", { name: "Archived copy" }).click();
  await expect(reader.getByRole("note", { name: "About this copy" })).toContainText("Archived copy.");
  await expect(reader.getByRole("note", { name: "About this copy" })).toContainText(site.url("/dam-report"));
  await expect(reader.getByRole("note", { name: "About this copy" })).toContainText("The page changed after this check");
  await expect(reader.locator(".archive-content")).toContainText("found sound");
  await expect(reader.locator(".archive-content")).not.toContainText("UNSAFE");
  await readerContext.close();
});
