import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, REVIEW_URL, SEED_SLUG, signInAndWait, test } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("axe finds no violations on the index, the article and the sign-in page", async ({ page }) => {
  for (const path of ["/", `/articles/${SEED_SLUG}`, "/login", "/?q=civilians"]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
});

test("axe finds no violations in the reviewer workspace", async ({ page }) => {
  await signInAndWait(page, "reviewer@example.org");
  await page.goto(REVIEW_URL);
  await page.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
  expect(await violations(page)).toEqual([]);
});
