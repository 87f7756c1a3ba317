import type { Page } from "@playwright/test";
import { expect, REVIEW_URL, selectInArticle, signInAndWait, test, SAME_ORIGIN } from "./fixtures";

const claimsRegion = (page: Page) => page.getByRole("region", { name: "Claims" });

async function addClaim(page: Page, phrase: string, opts: { occurrence?: number; verdict?: string; explanation?: string } = {}) {
  await selectInArticle(page, phrase, opts.occurrence);
  await page.getByRole("button", { name: "Add claim" }).click();
  const form = page.getByRole("form", { name: "New claim" });
  await expect(form.locator("blockquote")).toHaveText(phrase);
  await form.getByLabel("Verdict").selectOption({ label: opts.verdict ?? "Accurate" });
  await form.getByLabel("Explanation").fill(opts.explanation ?? `Checked: ${phrase}`);
  await form.getByRole("button", { name: "Save claim" }).click();
  const card = claimsRegion(page).locator('[data-testid="claim-card"]', { hasText: phrase }).last();
  await expect(card).toBeVisible();
  return (await card.getAttribute("data-claim-id"))!;
}

test.describe("reviewer workspace", () => {
  test("a reviewer marks a disputed claim with two sources, and it survives a reload", async ({ page }) => {
    await signInAndWait(page, "reviewer@example.org");
    await page.goto(REVIEW_URL);
    await selectInArticle(page, "at least 116 civilians");
    await page.getByRole("button", { name: "Add claim" }).click();

    const form = page.getByRole("form", { name: "New claim" });
    await expect(form.locator("blockquote")).toHaveText("at least 116 civilians");
    await form.getByLabel("Verdict").selectOption({ label: "Credible sources disagree" });
    await form.getByLabel("Explanation").fill("SOHR counts 116 executed; the Palmyra Coordination Committee counts 67.");
    await form.getByLabel("Tags").fill("casualties, syria");

    await form.getByRole("button", { name: "Add source" }).click();
    let source = form.getByTestId("source").nth(0);
    await source.getByLabel("Source URL").fill("https://www.syriahr.com/en/");
    await source.getByLabel("Source title").fill("SOHR: 116 civilians executed in al-Qaryatain");
    await source.getByLabel("Publisher").fill("Syrian Observatory for Human Rights");
    await source.getByLabel("Excerpt").fill("executed at least 116 civilians");
    await source.getByLabel("Stance").selectOption("SUPPORTS");

    await form.getByRole("button", { name: "Add source" }).click();
    source = form.getByTestId("source").nth(1);
    await source.getByLabel("Source URL").fill("https://example.org/palmyra-coordination-67");
    await source.getByLabel("Source title").fill("Palmyra Coordination Committee count");
    await source.getByLabel("Publisher").fill("Palmyra Coordination Committee");
    await source.getByLabel("Excerpt").fill("identified 67 civilians killed");
    await source.getByLabel("Stance").selectOption("REFUTES");
    await form.getByRole("button", { name: "Save claim" }).click();

    const card = claimsRegion(page).locator('[data-testid="claim-card"]', { hasText: "at least 116 civilians" });
    await expect(card).toHaveCount(1);
    const id = (await card.getAttribute("data-claim-id"))!;
    const highlight = page.locator(`[data-testid="review-text"] [data-claim-id="${id}"]`);
    await expect(highlight).toHaveAttribute("data-verdict", "DISPUTED");
    await expect(highlight).toHaveText("at least 116 civilians");

    await page.reload();
    await expect(page.locator(`[data-testid="review-text"] [data-claim-id="${id}"][data-verdict="DISPUTED"]`)).toHaveText("at least 116 civilians");
    const reloaded = claimsRegion(page).locator(`[data-claim-id="${id}"]`);
    await reloaded.getByRole("button").first().click();
    await expect(reloaded).toContainText("Credible sources disagree");
    await expect(reloaded.getByRole("link", { name: "SOHR: 116 civilians executed in al-Qaryatain" })).toHaveAttribute("href", "https://www.syriahr.com/en/");
    await expect(reloaded.getByRole("link", { name: "Palmyra Coordination Committee count" })).toBeVisible();
    await expect(reloaded).toContainText("Refutes the claim");
    await expect(reloaded).toContainText("Tags: casualties, syria");
  });

  test("another reviewer cannot edit or delete it, in the UI or by calling the API", async ({ page, browser }) => {
    await signInAndWait(page, "reviewer@example.org");
    await page.goto(REVIEW_URL);
    const id = await addClaim(page, "Russian air power");
    const version = 1;

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signInAndWait(otherPage, "reviewer2@example.org");
    await otherPage.goto(REVIEW_URL);
    const card = claimsRegion(otherPage).locator(`[data-claim-id="${id}"]`);
    await card.getByRole("button").first().click();
    await expect(card).toContainText("Russian air power");
    await expect(card.getByRole("button", { name: "Edit claim" })).toHaveCount(0);

    const patch = await otherPage.request.patch(`/api/claims/${id}`, { headers: SAME_ORIGIN, data: { version, fields: { verdict: "FALSE", explanation: "Hijacked", tags: [], sources: [] } } });
    expect(patch.status()).toBe(403);
    expect((await patch.json()).error.message).toMatch(/Only the claim's author or an editor/);
    const del = await otherPage.request.delete(`/api/claims/${id}`, { headers: SAME_ORIGIN, data: { version } });
    expect(del.status()).toBe(403);
    await other.close();

    // The author still sees it untouched.
    await page.reload();
    await expect(page.locator(`[data-testid="review-text"] [data-claim-id="${id}"]`)).toHaveAttribute("data-verdict", "ACCURATE");
  });

  test("a javascript: source URL is refused with a message next to the field", async ({ page }) => {
    await signInAndWait(page, "reviewer@example.org");
    await page.goto(REVIEW_URL);
    await selectInArticle(page, "sleeper cells");
    await page.getByRole("button", { name: "Add claim" }).click();
    const form = page.getByRole("form", { name: "New claim" });
    await form.getByRole("button", { name: "Add source" }).click();
    await form.getByLabel("Source URL").fill("javascript:alert(1)");
    await form.getByLabel("Source title").fill("Evil");
    await form.getByLabel("Stance").selectOption("CONTEXT");
    await form.getByRole("button", { name: "Save claim" }).click();
    await expect(form.getByLabel("Source URL")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText("Only http:// and https:// links are allowed as sources.")).toBeVisible();
    // The server refuses it too, with the same message, when the form is bypassed.
    const res = await page.request.post(REVIEW_URL.replace("/articles/", "/api/articles/").replace("/review", "/claims"), {
      headers: SAME_ORIGIN,
      data: { articleVersionId: "x", start: 0, end: 5, fields: { verdict: "UNVERIFIED", explanation: "", tags: [], sources: [{ url: "javascript:alert(1)", title: "Evil", stance: "CONTEXT" }] } },
    });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.fieldErrors["fields.sources.0.url"]).toEqual(["Only http:// and https:// links are allowed as sources."]);
  });

  test("two people editing the same claim: the second save gets the conflict and loses nothing", async ({ page, browser }) => {
    await signInAndWait(page, "reviewer@example.org");
    await page.goto(REVIEW_URL);
    const id = await addClaim(page, "shocking massacre", { verdict: "Accurate", explanation: "AP quotes the official." });

    const editorContext = await browser.newContext();
    const editorPage = await editorContext.newPage();
    await signInAndWait(editorPage, "editor@example.org");
    await editorPage.goto(REVIEW_URL);

    // Both open the claim for editing.
    await page.reload();
    for (const p of [page, editorPage]) {
      const card = claimsRegion(p).locator(`[data-claim-id="${id}"]`);
      await card.getByRole("button").first().click();
      await card.getByRole("button", { name: "Edit claim" }).click();
    }
    // The editor saves first.
    const editorForm = editorPage.getByRole("form", { name: "Edit claim" });
    await editorForm.getByLabel("Verdict").selectOption({ label: "Missing context" });
    await editorForm.getByLabel("Explanation").fill("The official is unnamed.");
    await editorForm.getByRole("button", { name: "Save claim" }).click();
    await expect(claimsRegion(editorPage)).toBeVisible();

    // The reviewer's save is refused, with the editor's values shown and the reviewer's text kept.
    const form = page.getByRole("form", { name: "Edit claim" });
    await form.getByLabel("Explanation").fill("My own careful wording.");
    await form.getByRole("button", { name: "Save claim" }).click();
    const conflict = form.getByTestId("conflict");
    await expect(conflict).toContainText("Eddie Editor saved this claim after you opened it");
    await expect(conflict.getByTestId("conflict-verdict")).toHaveText("Missing context");
    await expect(conflict.getByTestId("conflict-explanation")).toHaveText("The official is unnamed.");
    await expect(form.getByLabel("Explanation")).toHaveValue("My own careful wording.");

    // Saving again is now a deliberate overwrite of the version the reviewer has seen.
    await form.getByRole("button", { name: "Save claim" }).click();
    await expect(claimsRegion(page)).toBeVisible();
    await editorPage.reload();
    const card = claimsRegion(editorPage).locator(`[data-claim-id="${id}"]`);
    await card.getByRole("button").first().click();
    await expect(card).toContainText("My own careful wording.");
    await editorContext.close();
  });

  test("keyboard only: select with shift+arrows, press a, fill the form and save", async ({ page }) => {
    await signInAndWait(page, "reviewer@example.org");
    await page.goto(REVIEW_URL);
    await page.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
    // Put the caret before "Rami Abdelrahman" by keyboard: focus the text, then search with the caret keys.
    const text = page.getByTestId("review-text");
    await text.focus();
    await page.keyboard.press("Control+Home");
    const target = "Rami Abdelrahman";
    // Move down paragraph by paragraph, then word by word, until the caret sits before the name.
    for (let i = 0; i < 400; i++) {
      const before = await page.evaluate(() => {
        const sel = window.getSelection()!;
        const node = sel.focusNode;
        return node?.textContent?.slice(sel.focusOffset) ?? "";
      });
      if (before.startsWith(target)) break;
      await page.keyboard.press("Control+ArrowRight");
      // Control+ArrowRight stops after a word; step over the space to the next word's start.
      const next = await page.evaluate(() => {
        const sel = window.getSelection()!;
        return sel.focusNode?.textContent?.slice(sel.focusOffset) ?? "";
      });
      if (next.startsWith(" ")) await page.keyboard.press("ArrowRight");
    }
    for (let i = 0; i < target.length; i++) await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("a");
    const form = page.getByRole("form", { name: "New claim" });
    await expect(form.locator("blockquote")).toHaveText(target);
    // Focus starts on Verdict.
    await expect(form.getByLabel("Verdict")).toBeFocused();
    await page.keyboard.press("ArrowDown"); // Accurate
    await page.keyboard.press("Tab");
    await page.keyboard.type("He is SOHR's chief.");
    await page.keyboard.press("Tab");
    await page.keyboard.type("people");
    await page.keyboard.press("Enter"); // submits the form
    const card = claimsRegion(page).locator('[data-testid="claim-card"]', { hasText: target });
    await expect(card).toBeVisible();
    const id = (await card.getAttribute("data-claim-id"))!;
    await expect(page.locator(`[data-testid="review-text"] [data-claim-id="${id}"]`)).toHaveText(target);
    // j and k move between claims; the focused card follows.
    await page.keyboard.press("Escape");
    await page.keyboard.press("j");
    await expect(claimsRegion(page).locator('[aria-current="true"]')).toHaveCount(1);
  });

  test("overlapping and nested claims both stay visible and clickable", async ({ page }) => {
    await signInAndWait(page, "reviewer2@example.org");
    await page.goto(REVIEW_URL);
    // Outer: the whole clause; inner: the number inside it (both in the "Palmyra" paragraph).
    const outer = await addClaim(page, "identified 67 civilians killed in Al-Qaryatain", { verdict: "Credible sources disagree" });
    const inner = await addClaim(page, "67 civilians", { verdict: "False" });
    const overlap = await addClaim(page, "Al-Qaryatain and said", { verdict: "Missing context" });

    const text = page.getByTestId("review-text");
    await expect(text.locator(`[data-claim-id="${outer}"]`).first()).toBeVisible();
    await expect(text.locator(`[data-claim-id="${inner}"]`)).toHaveText("67 civilians");

    // Clicking the inner words focuses the inner claim; clicking words only the outer covers focuses the outer.
    await text.locator(`[data-claim-id="${inner}"]`).click();
    await expect(claimsRegion(page).locator(`[data-claim-id="${inner}"]`)).toHaveAttribute("aria-current", "true");
    await text.locator(`[data-claim-id="${outer}"]`).filter({ hasText: "identified" }).first().click({ position: { x: 5, y: 5 } });
    await expect(claimsRegion(page).locator(`[data-claim-id="${outer}"]`)).toHaveAttribute("aria-current", "true");
    // The overlapping claim is reachable on its own words, and a second click on a shared word cycles.
    await text.locator(`[data-claim-id="${overlap}"]`).filter({ hasText: "and said" }).first().click();
    await expect(claimsRegion(page).locator(`[data-claim-id="${overlap}"]`)).toHaveAttribute("aria-current", "true");

    // Clicking a card scrolls to and flashes its highlight.
    await claimsRegion(page).locator(`[data-claim-id="${inner}"]`).getByRole("button").first().click();
    await expect(text.locator(`[data-claim-id="${inner}"].is-flash`)).toHaveCount(1);
  });

  test("filters narrow the list by verdict, author and mine", async ({ page }) => {
    await signInAndWait(page, "editor@example.org");
    await page.goto(REVIEW_URL);
    await addClaim(page, "extensive network of contacts", { verdict: "Mostly accurate" });
    const region = claimsRegion(page);
    const total = await region.locator('[data-testid="claim-card"]').count();
    await region.getByLabel("Mine").check();
    await expect(region.locator('[data-testid="claim-card"]')).toHaveCount(1);
    await region.getByLabel("Mine").uncheck();
    await region.getByLabel("Verdict filter").selectOption({ label: "Mostly accurate" });
    await expect(region.locator('[data-testid="claim-card"]')).toHaveCount(1);
    await region.getByLabel("Verdict filter").selectOption({ label: "All verdicts" });
    await region.getByLabel("Author filter").selectOption({ label: "Eddie Editor" });
    await expect(region.locator('[data-testid="claim-card"]')).toHaveCount(1);
    await region.getByLabel("Author filter").selectOption({ label: "Everyone" });
    await expect(region.locator('[data-testid="claim-card"]')).toHaveCount(total);
  });

  test("an editor deletes a reviewer's draft after confirming", async ({ page, browser }) => {
    const reviewerContext = await browser.newContext();
    const reviewerPage = await reviewerContext.newPage();
    await signInAndWait(reviewerPage, "reviewer@example.org");
    await reviewerPage.goto(REVIEW_URL);
    const id = await addClaim(reviewerPage, "continuing the search for victims");
    await reviewerContext.close();

    await signInAndWait(page, "editor@example.org");
    await page.goto(REVIEW_URL);
    const card = claimsRegion(page).locator(`[data-claim-id="${id}"]`);
    await card.getByRole("button").first().click();
    await card.getByRole("button", { name: "Edit claim" }).click();
    page.once("dialog", (d) => d.accept());
    await page.getByRole("button", { name: "Delete claim" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Claim deleted.");
    await expect(page.locator(`[data-claim-id="${id}"]`)).toHaveCount(0);
    await page.reload();
    await expect(page.locator(`[data-claim-id="${id}"]`)).toHaveCount(0);
  });
});

// Issue 17: above 100 claims the sidebar renders only the cards near its view
// (components/review/claims-sidebar.tsx). An article of its own with 150 claims, so the shared
// seed article stays below that and the tests above see every card.
test.describe("reviewer workspace with more claims than the sidebar renders", () => {
  const COUNT = 150;
  const run = Date.now().toString(36);
  let slug = "";
  let ids: string[] = [];
  const quote = (i: number) => `Fact ${i} reports`;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(240_000);
    const JSON_WRITE = { ...SAME_ORIGIN, "content-type": "application/json" };
    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    await signInAndWait(editor, "editor@example.org");
    const paragraphs = Array.from({ length: COUNT / 10 }, (_, p) => Array.from({ length: 10 }, (_, k) => `${quote(p * 10 + k)} ${(p * 10 + k) * 7} units.`).join(" "));
    const imported = await editor.request.post("/api/articles/import", { headers: JSON_WRITE, data: { format: "text", content: paragraphs.join("\n\n"), title: `Many claims ${run}` } });
    expect(imported.ok(), await imported.text()).toBe(true);
    slug = ((await imported.json()) as { slug: string }).slug;
    await editorContext.close();

    const reviewerContext = await browser.newContext();
    const reviewer = await reviewerContext.newPage();
    await signInAndWait(reviewer, "reviewer@example.org");
    const ws = (await (await reviewer.request.get(`/api/articles/${slug}/claims`)).json()) as { articleVersionId: string; plainText: string };
    // Ten at a time: 150 one-by-one requests would take most of the test's time on a loaded machine.
    ids = [];
    for (let batch = 0; batch < COUNT; batch += 10) {
      const created = await Promise.all(
        Array.from({ length: 10 }, async (_, k) => {
          const i = batch + k;
          const start = ws.plainText.indexOf(`${quote(i)} `);
          expect(start, quote(i)).toBeGreaterThanOrEqual(0);
          const res = await reviewer.request.post(`/api/articles/${slug}/claims`, {
            headers: JSON_WRITE,
            data: { articleVersionId: ws.articleVersionId, start, end: start + quote(i).length, fields: { verdict: i % 2 ? "FALSE" : "ACCURATE", explanation: `Claim ${i}.`, tags: [], sources: [] } },
          });
          expect(res.status(), await res.text()).toBe(201);
          return ((await res.json()) as { claim: { id: string } }).claim.id;
        }),
      );
      ids.push(...created);
    }
    await reviewerContext.close();
  });

  test("j/k, focus, text clicks, the count and filters reach cards that are not rendered", async ({ page }) => {
    await signInAndWait(page, "reviewer@example.org");
    await page.goto(`/articles/${slug}/review`);
    await page.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
    const region = claimsRegion(page);
    await expect(region.getByTestId("claim-count")).toHaveText(`${COUNT} claims`);
    const cards = region.locator('[data-testid="claim-card"]');
    await expect(cards.first()).toBeVisible();
    const rendered = await cards.count();
    expect(rendered, "the list is virtualised").toBeLessThan(COUNT / 2);
    const last = ids[COUNT - 1];
    await expect(region.locator(`[data-claim-id="${last}"]`)).toHaveCount(0);

    // k from nothing focused goes to the last claim in the text: rendered, scrolled to and focused.
    await page.getByTestId("review-text").click({ position: { x: 2, y: 2 } });
    await page.keyboard.press("Escape");
    await page.keyboard.press("k");
    const lastCard = region.locator(`[data-claim-id="${last}"]`);
    await expect(lastCard).toHaveAttribute("aria-current", "true");
    await expect(lastCard).toBeInViewport();
    await expect(lastCard.locator(".card-main")).toBeFocused();
    await expect(lastCard).toContainText(quote(COUNT - 1));
    // j wraps round to the first.
    await page.keyboard.press("j");
    const firstCard = region.locator(`[data-claim-id="${ids[0]}"]`);
    await expect(firstCard).toHaveAttribute("aria-current", "true");
    await expect(firstCard).toBeInViewport();
    await expect(firstCard.locator(".card-main")).toBeFocused();
    await expect(region.locator(`[data-claim-id="${last}"]`)).toHaveCount(0);

    // A click on words far down the text brings their card into the list's view.
    const middle = 120;
    await page.locator(`[data-testid="review-text"] [data-claim-id="${ids[middle]}"]`).click();
    const middleCard = region.locator(`[data-claim-id="${ids[middle]}"]`);
    await expect(middleCard).toHaveAttribute("aria-current", "true");
    await expect(middleCard).toBeInViewport();

    // Filters count every claim, rendered or not; below the threshold every card is in the DOM again.
    await region.getByLabel("Verdict filter").selectOption({ label: "False" });
    await expect(region.getByTestId("claim-count")).toHaveText(`Showing ${COUNT / 2} of ${COUNT} claims`);
    await expect(cards).toHaveCount(COUNT / 2);
    await region.getByLabel("Verdict filter").selectOption({ label: "All verdicts" });
    await expect(region.getByTestId("claim-count")).toHaveText(`${COUNT} claims`);
    await expect.poll(() => cards.count()).toBeLessThan(COUNT / 2);
  });
});
