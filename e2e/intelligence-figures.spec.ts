import type { Page } from "@playwright/test";
import { expect, SAME_ORIGIN, signInAndWait, test } from "./fixtures";

// Two articles of this spec's own about a town no other spec writes about, so nothing else pairs with them.
const FIRST = "Floods in Velmora killed 48 people, the Interior Ministry said on Monday.";
const CLAUSE = "the dam above Velmora had been inspected 14 times since 2019";
const SECOND = `The Red Crescent said 95 people were killed by the floods in Velmora.\n\nWe will never forget the victims of this night; ${CLAUSE}.`;

async function importArticle(page: Page, title: string, content: string): Promise<string> {
  const res = await page.request.post("/api/articles/import", { headers: SAME_ORIGIN, data: { format: "text", title, content } });
  expect(res.status()).toBe(201);
  return (await res.json()).slug as string;
}

async function openWorkspace(page: Page, slug: string) {
  await page.goto(`/articles/${slug}/review`);
  await page.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
}

test.describe("reviewer help across articles (issue 16)", () => {
  test("figures that disagree with another article: the card links to the other article's words and Check this cites them", async ({ page }) => {
    // Two imports and two workspaces: on a loaded 2-core machine the first import alone can take most of the default 45 s.
    test.slow();
    await signInAndWait(page, "editor@example.org");
    const firstSlug = await importArticle(page, "Velmora floods: ministry toll", FIRST);
    const secondSlug = await importArticle(page, "Velmora floods: Red Crescent toll", SECOND);
    await openWorkspace(page, secondSlug);

    const card = page.getByTestId("figure-conflict");
    await expect(card).toHaveCount(1);
    await expect(card).toHaveAttribute("data-other-article", firstSlug);
    await expect(card).toContainText("95 (Red Crescent) vs 48 (Interior Ministry) in “Velmora floods: ministry toll”");
    const link = card.getByRole("link", { name: "48 (Interior Ministry)" });
    await expect(link).toHaveAttribute("href", `/articles/${firstSlug}#:~:text=48%20people`);

    // This article's figure shows its words here.
    await card.getByRole("button", { name: "95 (Red Crescent)" }).click();
    await expect(page.getByRole("button", { name: "Add claim" })).toBeEnabled();

    await card.getByRole("button", { name: "Check this" }).click();
    const form = page.getByRole("form", { name: "New claim" });
    await expect(form.locator("blockquote")).toHaveText("95 people");
    await expect(form.getByLabel("Verdict")).toHaveValue("DISPUTED");
    const source = form.getByTestId("source").first();
    await expect(source.getByLabel("Publisher")).toHaveValue("Interior Ministry");
    await expect(source.getByLabel("Excerpt")).toHaveValue(FIRST);
    await expect(source.getByLabel("URL")).toHaveValue(new RegExp(`/articles/${firstSlug}#:~:text=48%20people$`));
    await form.getByRole("button", { name: "Save claim" }).click();
    const claims = page.getByRole("region", { name: "Claims", exact: true });
    await expect(claims.getByTestId("claim-card").filter({ hasText: "95 people" })).toContainText("Credible sources disagree");

    // The other article's workspace sees the same disagreement from its side.
    await openWorkspace(page, firstSlug);
    await expect(page.getByTestId("figure-conflict")).toHaveAttribute("data-other-article", secondSlug);
    await expect(page.getByTestId("figure-conflict")).toContainText("48 (Interior Ministry) vs 95 (Red Crescent)");
  });

  test("a clause within a sentence is suggested on its own and becomes the claim's words", async ({ page }) => {
    await signInAndWait(page, "editor@example.org");
    const slug = await importArticle(page, "Velmora dam", `Engineers warned about the dam for years.\n\nWe will never forget the victims of this night; ${CLAUSE}.`);
    await openWorkspace(page, slug);
    const suggestion = page.getByTestId("suggested-claims").getByTestId("suggestion").filter({ hasText: CLAUSE });
    await expect(suggestion).toHaveAttribute("data-scope", "clause");
    await expect(suggestion).toContainText("clause");
    await expect(suggestion).not.toContainText("never forget");
    await suggestion.getByRole("button", { name: new RegExp(`^${CLAUSE}`) }).click();
    await page.getByRole("button", { name: "Add claim" }).click();
    await expect(page.getByRole("form", { name: "New claim" }).locator("blockquote")).toHaveText(`${CLAUSE}.`);
  });
});
