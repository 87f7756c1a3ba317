import type { Page } from "@playwright/test";
import { expect, SAME_ORIGIN, signInAndWait, test } from "./fixtures";

// Issue 17: the article edit page shows the claims while the editor edits, and says how many
// claims (and approved checks) an edit changes before it is saved. Uses an article of its own.

const run = Date.now().toString(36);
const JSON_WRITE = { ...SAME_ORIGIN, "content-type": "application/json" };
const QUOTES = ["opened in 1931", "carried 12,000 cars a day", "main span is 503 metres long"];

/** Puts the caret in the middle of `phrase` in the article editor, then types `text`. */
async function typeInside(page: Page, phrase: string, text: string) {
  await page.evaluate((phrase) => {
    const root = document.querySelector<HTMLElement>('[data-testid="article-editor-text"]')!;
    root.focus();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let all = "";
    const nodes: { node: Text; start: number }[] = [];
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      nodes.push({ node, start: all.length });
      all += node.data;
    }
    const at = all.indexOf(phrase) + Math.floor(phrase.length / 2);
    const hit = nodes.find((n) => at >= n.start && at < n.start + n.node.data.length)!;
    const range = document.createRange();
    range.setStart(hit.node, at - hit.start);
    range.collapse(true);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }, phrase);
  await page.keyboard.type(text);
}

test("the edit page highlights the claims and warns how many approved checks an edit sends back to review", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signInAndWait(page, "editor@example.org");
  const content = `The bridge ${QUOTES[0]} after four years of work.\n\nIt ${QUOTES[1]} by ${run}, the city said.\n\nIts ${QUOTES[2]}.`;
  const imported = await page.request.post("/api/articles/import", { headers: JSON_WRITE, data: { format: "text", content, title: `Edited bridge story ${run}` } });
  expect(imported.ok(), await imported.text()).toBe(true);
  const { slug } = (await imported.json()) as { slug: string };

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signInAndWait(reviewer, "reviewer2@example.org");
  const ws = (await (await reviewer.request.get(`/api/articles/${slug}/claims`)).json()) as { articleVersionId: string; plainText: string };
  for (const [i, quote] of QUOTES.entries()) {
    const at = ws.plainText.indexOf(quote);
    const res = await reviewer.request.post(`/api/articles/${slug}/claims`, {
      headers: JSON_WRITE,
      data: { articleVersionId: ws.articleVersionId, start: at, end: at + quote.length, fields: { verdict: i === 2 ? "UNVERIFIED" : "ACCURATE", explanation: "Checked.", tags: [], sources: [] } },
    });
    expect(res.status(), await res.text()).toBe(201);
    let claim = ((await res.json()) as { claim: { id: string; version: number } }).claim;
    if (i === 2) continue; // the third stays a draft
    for (const [who, action] of [[reviewer, "submit"], [page, "approve"]] as const) {
      const t = await who.request.post(`/api/claims/${claim.id}/transitions`, { headers: JSON_WRITE, data: { action, version: claim.version } });
      expect(t.ok(), await t.text()).toBe(true);
      claim = ((await t.json()) as { claim: typeof claim }).claim;
    }
  }
  await reviewerContext.close();

  await page.goto(`/articles/${slug}/edit`);
  await page.locator('[data-testid="article-editor"][data-ready="true"]').waitFor();
  const highlights = page.locator('[data-testid="article-editor-text"] .claim-hl');
  await expect(highlights).toHaveCount(3);
  await expect(highlights.nth(0)).toHaveAttribute("data-verdict", "ACCURATE");
  await expect(highlights.nth(2)).toHaveAttribute("data-verdict", "UNVERIFIED");
  const warning = page.getByTestId("edit-impact");
  await expect(warning).toBeEmpty();

  // Typing next to a claim's words, not inside them, changes no claim.
  await typeInside(page, "after four years", "X");
  await expect(warning).toBeEmpty();
  await typeInside(page, QUOTES[0], "Q");
  await expect(warning).toHaveText("This edit changes the words of 1 approved check; it goes back to review.");
  await typeInside(page, QUOTES[1], "Q");
  await expect(warning).toHaveText("This edit changes the words of 2 approved checks; they will go back to review.");
  await typeInside(page, QUOTES[2], "Q");
  await expect(warning).toHaveText("This edit changes the words of 2 approved checks; they will go back to review. It also changes the words of 1 other claim.");

  await page.getByRole("button", { name: "Save new version" }).click();
  const report = page.getByRole("region", { name: "Re-anchoring report" });
  await expect(report).toBeVisible();
  await expect(report.getByTestId("count-changed")).toContainText("3");
  await expect(warning).toBeEmpty();
});
