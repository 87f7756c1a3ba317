import type { Page } from "@playwright/test";
import { expect, REVIEW_URL, SAME_ORIGIN, SEED_SLUG, selectInArticle, signInAndWait, test } from "./fixtures";

// A check-worthy sentence no other spec puts a claim on: the other specs share the seed article, and
// a claim of theirs on this sentence would mark the suggestion covered before this test starts.
const HOSTAGES = "The group had taken more than 200 Christians hostage in the city in 2015";
const suggestionsRegion = (page: Page) => page.getByTestId("suggested-claims");
const claimsRegion = (page: Page) => page.getByRole("region", { name: "Claims", exact: true });

/** Claims this spec makes on the seed article are deleted again, so later specs see the article as they expect. */
async function deleteClaim(page: Page, id: string | null) {
  const res = await page.request.delete(`/api/claims/${id}`, { headers: SAME_ORIGIN, data: { version: 1 } });
  expect(res.status()).toBe(204);
}

async function openWorkspace(page: Page, email: string) {
  await signInAndWait(page, email);
  await page.goto(REVIEW_URL);
  await page.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
}

test.describe("reviewer help (issue 16)", () => {
  test("a reviewer adds a claim from a suggestion, which is then marked covered", async ({ page }) => {
    await openWorkspace(page, "reviewer@example.org");
    const suggestion = suggestionsRegion(page).getByTestId("suggestion").filter({ hasText: HOSTAGES });
    await expect(suggestion).toContainText("number");
    await expect(suggestion).toContainText("date");
    await expect(suggestion).toHaveAttribute("data-covered", "false");

    await suggestion.getByRole("button", { name: HOSTAGES }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Add claim" }).click();
    const form = page.getByRole("form", { name: "New claim" });
    await expect(form.locator("blockquote")).toContainText(HOSTAGES);
    await form.getByLabel("Verdict").selectOption({ label: "Accurate" });
    await form.getByLabel("Explanation").fill("SOHR's count, as reported by AFP.");
    await form.getByRole("button", { name: "Save claim" }).click();
    await expect(claimsRegion(page).getByTestId("claim-card").filter({ hasText: HOSTAGES })).toHaveCount(1);
    await expect(suggestion).toHaveAttribute("data-covered", "true");
    await expect(suggestion).toContainText("covered by a claim");
    await deleteClaim(page, await claimsRegion(page).getByTestId("claim-card").filter({ hasText: HOSTAGES }).getAttribute("data-claim-id"));
  });

  test("Dismiss hides a suggestion for this reviewer only, across reloads", async ({ page, browser }) => {
    // Two browser contexts and several page loads: more than the default 45 s when the machine is loaded.
    test.slow();
    await openWorkspace(page, "reviewer2@example.org");
    const text = "ISIS regained control of the town three weeks ago";
    const suggestion = suggestionsRegion(page).getByTestId("suggestion").filter({ hasText: text });
    await expect(suggestion).toHaveCount(1);
    await suggestion.getByRole("button", { name: /^Dismiss suggestion/ }).click();
    await expect(suggestion).toHaveCount(0);
    await page.reload();
    await expect(suggestionsRegion(page).getByTestId("suggestion").first()).toBeVisible();
    await expect(suggestionsRegion(page).getByTestId("suggestion").filter({ hasText: text })).toHaveCount(0);

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await openWorkspace(otherPage, "editor@example.org");
    await expect(suggestionsRegion(otherPage).getByTestId("suggestion").filter({ hasText: text })).toHaveCount(1);
    await other.close();
  });

  test("Check this on the seed article's disagreeing figures proposes Credible sources disagree and cites the other figure", async ({ page }) => {
    await openWorkspace(page, "editor@example.org");
    // The pair within the seed article; other specs' articles may add cards across articles.
    const card = page.locator('[data-testid="figure-conflict"][data-other-article=""]');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText("116 (Syrian Observatory for Human Rights) vs 67 (Palmyra Coordination Committee)");
    await card.getByRole("button", { name: "Check this" }).click();
    const form = page.getByRole("form", { name: "New claim" });
    await expect(form.locator("blockquote")).toHaveText("116 civilians");
    await expect(form.getByLabel("Verdict")).toHaveValue("DISPUTED");
    const source = form.getByTestId("source").first();
    await expect(source.getByLabel("Excerpt")).toHaveValue(/identified 67 civilians killed in Al-Qaryatain/);
    await expect(source.getByLabel("Publisher")).toHaveValue("Palmyra Coordination Committee");
    await form.getByRole("button", { name: "Save claim" }).click();
    const saved = claimsRegion(page).getByTestId("claim-card").filter({ hasText: "116 civilians" }).last();
    await expect(saved).toContainText("Credible sources disagree");
    await deleteClaim(page, await saved.getAttribute("data-claim-id"));
  });

  test("a reviewer reuses a published check from another article, and the new claim records it", async ({ page, browser }) => {
    // Two browser contexts and several page loads: more than the default 45 s when the machine is loaded.
    test.slow();
    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    await signInAndWait(editor, "editor@example.org");
    const earlier = "Earlier report from Homs province. Monitors said ISIS executed at least 116 civilians in Al-Qaryatain over 20 days.";
    const imported = await editor.request.post("/api/articles/import", { headers: SAME_ORIGIN, data: { format: "text", title: "Earlier report on Al-Qaryatain", content: earlier } });
    expect(imported.status()).toBe(201);
    const { slug: otherSlug, versionId } = await imported.json();
    const workspace = await (await editor.request.get(`/api/articles/${otherSlug}/claims`)).json();
    const quote = "ISIS executed at least 116 civilians in Al-Qaryatain";
    const start = (workspace.plainText as string).indexOf(quote);

    await signInAndWait(page, "reviewer@example.org");
    const created = await page.request.post(`/api/articles/${otherSlug}/claims`, {
      headers: SAME_ORIGIN,
      data: { articleVersionId: versionId, start, end: start + quote.length, fields: { verdict: "DISPUTED", explanation: "Monitors disagree on the toll: 116 against 67.", tags: [], sources: [{ url: "https://www.syriahr.com/en/", title: "SOHR count of executions", stance: "SUPPORTS" }] } },
    });
    expect(created.status()).toBe(201);
    const { claim } = await created.json();
    expect((await page.request.post(`/api/claims/${claim.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "submit", version: claim.version } })).status()).toBe(200);
    const approved = await editor.request.post(`/api/claims/${claim.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "approve", version: claim.version + 1 } });
    expect(approved.status()).toBe(200);
    await editorContext.close();

    await page.goto(REVIEW_URL);
    await selectInArticle(page, "executed at least 116 civilians in reprisal killings");
    const region = page.getByRole("region", { name: "Checked before" });
    const item = region.getByTestId("checked-before-item").filter({ hasText: quote });
    await expect(item).toContainText("Credible sources disagree");
    await expect(item.getByRole("link", { name: "Earlier report on Al-Qaryatain" })).toBeVisible();
    await item.getByRole("button", { name: "Reuse this check" }).click();

    const form = page.getByRole("form", { name: "New claim" });
    await expect(form.locator("blockquote")).toHaveText("executed at least 116 civilians in reprisal killings");
    await expect(form.getByLabel("Verdict")).toHaveValue("DISPUTED");
    await expect(form.getByLabel("Explanation")).toHaveValue("Monitors disagree on the toll: 116 against 67.");
    await expect(form.getByTestId("source").first().getByLabel("Source title")).toHaveValue("SOHR count of executions");
    await form.getByRole("button", { name: "Save claim" }).click();
    const card = claimsRegion(page).getByTestId("claim-card").filter({ hasText: "executed at least 116 civilians in reprisal killings" });
    await expect(card).toHaveCount(1);
    const id = await card.getAttribute("data-claim-id");
    await page.goto(`/review/claims/${id}`);
    await expect(page.getByRole("region", { name: "History" })).toContainText("Based on the published check");
    await expect(page.getByRole("region", { name: "History" })).toContainText("Earlier report on Al-Qaryatain");
    await deleteClaim(page, id);
  });

  test("the dismissal API refuses readers, anonymous callers and bad input", async ({ page, request, browser }) => {
    const url = `/api/articles/${SEED_SLUG}/suggestions/dismissals`;
    const anonymous = await request.post(url, { headers: SAME_ORIGIN, data: { articleVersionId: "x", suggestionKey: "1-2" } });
    expect(anonymous.status()).toBe(401);

    await signInAndWait(page, "reader@example.org");
    const asReader = await page.request.post(url, { headers: SAME_ORIGIN, data: { articleVersionId: "x", suggestionKey: "1-2" } });
    expect(asReader.status()).toBe(403);

    const reviewerContext = await browser.newContext();
    const reviewer = await reviewerContext.newPage();
    await openWorkspace(reviewer, "reviewer@example.org");
    const lookup = await reviewer.request.get(`/api/articles/${SEED_SLUG}/checked-before?text=`);
    expect(lookup.status()).toBe(400);
    expect((await page.request.get(`/api/articles/${SEED_SLUG}/checked-before?text=116%20civilians`)).status()).toBe(403);
    const bad = await reviewer.request.post(url, { headers: SAME_ORIGIN, data: { articleVersionId: "x", suggestionKey: "<script>" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toMatch(/suggestionKey/);
    const unknownVersion = await reviewer.request.post(url, { headers: SAME_ORIGIN, data: { articleVersionId: "no-such-version", suggestionKey: "1-2" } });
    expect(unknownVersion.status()).toBe(404);
    await reviewerContext.close();
  });
});
