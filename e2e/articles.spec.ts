import type { Browser, Page } from "@playwright/test";
import { expect, signInAndWait, test, SAME_ORIGIN } from "./fixtures";

// Issue 7: articles in (import) and articles changing (new versions, re-anchoring, confirm, history).

const HOSTILE_PAGE = `<!doctype html><html><head><title>Reservoir inspection | Example News</title>
<meta name="author" content="Ada Reporter"><meta property="article:published_time" content="2024-03-05T10:00:00Z">
<script>window.__pwned = "script";</script></head><body><nav><a href="/">Home</a></nav>
<article><h1>Reservoir inspection</h1>
<p>The reservoir holds 40 million cubic metres of water and was finished in 1962 by the regional council.</p>
<p>Engineers said the spillway was inspected in May, and no cracks were found in the concrete.</p>
<p>The old pumping station <img src="x" onerror="window.__pwned = 'onerror'"> beside the river was closed in 2001.</p>
</article></body></html>`;

async function as(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  await signInAndWait(page, email);
  return page;
}

/** Selects `phrase` inside an element with a DOM Range, the way a mouse drag ends up. */
async function selectIn(page: Page, rootSelector: string, phrase: string) {
  await page.evaluate(
    ({ rootSelector, phrase }) => {
      const root = document.querySelector<HTMLElement>(rootSelector);
      if (!root) throw new Error(`${rootSelector} not mounted`);
      root.focus();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode as Text;
        const at = node.data.indexOf(phrase);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + phrase.length);
          const sel = window.getSelection()!;
          sel.removeAllRanges();
          sel.addRange(range);
          return;
        }
      }
      throw new Error(`phrase not found: ${phrase}`);
    },
    { rootSelector, phrase },
  );
}

async function addClaim(page: Page, phrase: string) {
  await page.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
  await selectIn(page, '[data-testid="review-text"]', phrase);
  await page.getByRole("button", { name: "Add claim" }).click();
  const form = page.getByRole("form", { name: "New claim" });
  await expect(form.locator("blockquote")).toHaveText(phrase);
  await form.getByLabel("Verdict").selectOption({ label: "Accurate" });
  await form.getByLabel("Explanation").fill(`Checked: ${phrase}`);
  await form.getByRole("button", { name: "Save claim" }).click();
  await expect(page.getByRole("region", { name: "Claims" }).locator('[data-testid="claim-card"]', { hasText: phrase })).toBeVisible();
}

test.describe("articles in and articles changing", () => {
  test("import a hostile page, add claims, edit under a claim, read the report, confirm, compare and restore", async ({ page, browser }) => {
    test.setTimeout(120_000);
    // The editor imports an HTML page with a <script> and an onerror: nothing executes, the text is there.
    await signInAndWait(page, "editor@example.org");
    await page.goto("/");
    await page.getByRole("link", { name: "New article" }).click();
    await expect(page.getByRole("heading", { name: "New article" })).toBeVisible();
    await page.getByLabel("Format").selectOption({ label: "HTML" });
    await page.getByLabel("Article text").fill(HOSTILE_PAGE);
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview).toContainText("no cracks were found in the concrete");
    await expect(page.getByLabel("Title")).toHaveValue("Reservoir inspection");
    await expect(page.getByLabel("Byline")).toHaveValue("Ada Reporter");
    await expect(page.getByLabel("Published")).toHaveValue("2024-03-05");
    await page.getByRole("button", { name: "Create article" }).click();
    await page.waitForURL(/\/articles\/reservoir-inspection/);
    const slug = new URL(page.url()).pathname.split("/")[2];
    await expect(page.locator("main")).toContainText("finished in 1962 by the regional council");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.locator("main script, main img, main [onerror]").count()).toBe(0);

    // A reviewer adds claims.
    const reviewer = await as(browser, "reviewer@example.org");
    await reviewer.goto(`/articles/${slug}/review`);
    await addClaim(reviewer, "no cracks were found in the concrete");
    await addClaim(reviewer, "finished in 1962");
    // The first claim goes through review and is approved, so readers see it.
    const { claims } = await (await reviewer.request.get(`/api/articles/${slug}/claims`)).json();
    const checked = claims.find((c: { quote: string }) => c.quote === "no cracks were found in the concrete");
    const submitted = await reviewer.request.post(`/api/claims/${checked.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "submit", version: checked.version } });
    expect(submitted.ok(), await submitted.text()).toBe(true);
    const approved = await page.request.post(`/api/claims/${checked.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "approve", version: (await submitted.json()).claim.version } });
    expect(approved.ok(), await approved.text()).toBe(true);
    // A reviewer may not import or edit articles.
    expect((await reviewer.goto("/articles/new"))?.status()).toBe(403);
    expect((await reviewer.request.post("/api/articles/import", { headers: SAME_ORIGIN, data: { format: "text", content: "x", title: "x" } })).status()).toBe(403);
    expect((await reviewer.request.post(`/api/articles/${slug}/versions`, { headers: SAME_ORIGIN, data: { baseVersionId: "x", doc: {} } })).status()).toBe(403);
    await reviewer.context().close();

    // The editor edits the paragraph under the first claim and saves with a correction note.
    await page.goto(`/articles/${slug}/edit`);
    await page.locator('[data-testid="article-editor"][data-ready="true"]').waitFor();
    await selectIn(page, '[data-testid="article-editor-text"]', "no cracks");
    await page.keyboard.type("small cracks");
    const note = "An earlier version said no cracks were found.";
    await page.getByLabel("Correction note").fill(note);
    await page.getByRole("button", { name: "Save new version" }).click();
    const report = page.getByRole("region", { name: "Re-anchoring report" });
    await expect(report).toContainText("Version 2 saved");
    await expect(report.getByTestId("count-changed")).toHaveText("1 changed");
    await expect(report.getByTestId("count-moved")).toHaveText("1 moved");
    await expect(report.getByTestId("count-needs-recheck")).toHaveText("0 needs re-check");
    await expect(report.getByRole("link", { name: /Changed: “no cracks were found in the concrete”/ })).toBeVisible();

    // Readers see the correction note, and the approved check is marked as changed after the check.
    const corrections = await (await page.request.get(`/api/articles/${slug}/corrections`)).json();
    expect(corrections.corrections).toEqual([expect.objectContaining({ version: 2, note })]);
    const readerContext = await browser.newContext();
    const reader = await readerContext.newPage();
    await reader.goto(`/articles/${slug}`);
    await expect(reader.getByRole("region", { name: "Corrections" })).toContainText(note);
    await expect(reader.locator(`mark[data-claim-id="${checked.id}"]`).first()).toHaveAccessibleName(/the article changed here after this check/);
    await expect(reader.getByText("The article changed here after this check")).toHaveCount(1);

    // The editor confirms the changed claim: it no longer waits.
    const stale = page.getByTestId("stale-claim");
    await expect(stale).toHaveCount(1);
    await expect(stale).toContainText("small cracks were found in the concrete");
    await stale.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("No claim is waiting")).toBeVisible();
    // …and the note is gone for readers.
    await reader.reload();
    await expect(reader.locator(`mark[data-claim-id="${checked.id}"]`).first()).toBeVisible();
    await expect(reader.getByText("The article changed here after this check")).toHaveCount(0);
    await readerContext.close();

    // History: both versions, a word diff, and a restore that creates version 3.
    await page.goto(`/articles/${slug}/versions`);
    await expect(page.getByTestId("version")).toHaveCount(2);
    await expect(page.getByTestId("diff").locator("del")).toHaveText(["no"]);
    await expect(page.getByTestId("diff").locator("ins")).toHaveText(["small"]);
    await page.getByRole("button", { name: "Restore version 1" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Restored as version 3" })).toBeVisible();
    await expect(page.getByTestId("version")).toHaveCount(3);
  });

  test("upload a Markdown file; binary files and empty text get clear errors", async ({ page }) => {
    await signInAndWait(page, "admin@example.org");
    await page.goto("/articles/new");
    await page.getByLabel("Upload file").setInputFiles({ name: "piece.md", mimeType: "text/markdown", buffer: Buffer.from("# Uploaded piece\n\nA **bold** claim about 12 bridges.\n") });
    await expect(page.getByLabel("Format")).toHaveValue("markdown");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("region", { name: "Preview" })).toContainText("A bold claim about 12 bridges.");
    await expect(page.getByLabel("Title")).toHaveValue("Uploaded piece");

    await page.getByLabel("Upload file").setInputFiles({ name: "photo.html", mimeType: "text/html", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]) });
    await expect(page.getByRole("alert").filter({ hasText: "looks like a binary file" })).toBeVisible();

    await page.getByLabel("Article text").fill("   ");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The article text is empty" })).toBeVisible();
  });
});
