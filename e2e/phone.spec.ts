import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, SAME_ORIGIN, selectInArticle, signIn, signInAndWait, test } from "./fixtures";

// Issue 17: at 390 × 844 no control is off-screen: the header collapses into a menu, the workspace
// puts the claims list below the article, the claim form fits, and so does the reader's evidence
// dialog. Uses an article and a published check of its own.

test.use({ viewport: { width: 390, height: 844 } });

const run = Date.now().toString(36);
const JSON_WRITE = { ...SAME_ORIGIN, "content-type": "application/json" };
const QUOTE = "carried 12,000 cars a day";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Visible controls that stick out of the viewport sideways, and whether the page scrolls sideways. */
async function offscreen(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    // The skip link waits off-screen on purpose until it is focused.
    for (const el of document.querySelectorAll<HTMLElement>("a:not(.skip-link), button, input, select, textarea, summary, [role=dialog], dialog[open]")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
      if (r.left < -1 || r.right > width + 1) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}" spans ${Math.round(r.left)}–${Math.round(r.right)} of ${width}`);
    }
    if (document.documentElement.scrollWidth > width + 1) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}

/** Signs in on the phone: Sign out is inside the closed menu, so the Menu button is the proof. */
async function signInOnPhone(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole("button", { name: "Menu" })).toBeVisible();
}

/** A desktop browser for the set-up. */
async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await signInAndWait(page, email);
  return { context, page };
}

test.describe("phones at 390 × 844", () => {
  let slug = "";
  test.beforeAll(async ({ browser }) => {
    const editor = await signedIn(browser, "editor@example.org");
    const content = `The old bridge opened in 1931 after four years of work.\n\nIt ${QUOTE} by ${run}, the city said; https://example.org/a-very-long-address-that-would-not-wrap-by-itself-${run}-${"x".repeat(60)} has the figures.`;
    const imported = await editor.page.request.post("/api/articles/import", { headers: JSON_WRITE, data: { format: "text", content, title: `Phone bridge story ${run}` } });
    expect(imported.ok(), await imported.text()).toBe(true);
    slug = ((await imported.json()) as { slug: string }).slug;
    const reviewer = await signedIn(browser, "reviewer2@example.org");
    const ws = (await (await reviewer.page.request.get(`/api/articles/${slug}/claims`)).json()) as { articleVersionId: string; plainText: string };
    const at = ws.plainText.indexOf(QUOTE);
    const source = { url: `https://example.org/traffic-counts/${"long-path-segment-".repeat(6)}${run}`, title: "City traffic counts, with a title long enough to wrap on a phone screen", stance: "SUPPORTS" };
    const created = await reviewer.page.request.post(`/api/articles/${slug}/claims`, {
      headers: JSON_WRITE,
      data: { articleVersionId: ws.articleVersionId, start: at, end: at + QUOTE.length, fields: { verdict: "MOSTLY_ACCURATE", explanation: "The city's own counts say 11,800 a day.", tags: [], sources: [source] } },
    });
    expect(created.status(), await created.text()).toBe(201);
    let claim = ((await created.json()) as { claim: { id: string; version: number } }).claim;
    const act = async (page: Page, action: string) => {
      const res = await page.request.post(`/api/claims/${claim.id}/transitions`, { headers: JSON_WRITE, data: { action, version: claim.version } });
      expect(res.ok(), await res.text()).toBe(true);
      claim = ((await res.json()) as { claim: typeof claim }).claim;
    };
    await act(reviewer.page, "submit");
    await act(editor.page, "approve");
    await editor.context.close();
    await reviewer.context.close();
  });

  test("the header collapses into a menu that reaches Sign out", async ({ page }) => {
    await signInOnPhone(page, "editor@example.org");
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Account" });
    const menu = nav.getByRole("button", { name: "Menu" });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("button", { name: "Sign out" })).toBeHidden();
    expect(await offscreen(page)).toEqual([]);
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("button", { name: "Sign out" })).toBeInViewport();
    await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
    expect(await offscreen(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    // A followed link closes the menu.
    await menu.click();
    await nav.getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    expect(await offscreen(page)).toEqual([]);
  });

  test("the workspace puts the claims below the article and the claim form fits", async ({ page }) => {
    await signInOnPhone(page, "reviewer2@example.org");
    await page.goto(`/articles/${slug}/review`);
    await page.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
    const article = await page.locator('[data-testid="review-text"]').boundingBox();
    const claims = await page.getByRole("region", { name: "Claims" }).boundingBox();
    expect(claims!.y).toBeGreaterThanOrEqual(article!.y + article!.height);
    expect(await offscreen(page)).toEqual([]);

    await selectInArticle(page, "opened in 1931");
    await page.getByRole("button", { name: "Add claim" }).click();
    const form = page.getByRole("form", { name: "New claim" });
    await expect(form.getByLabel("Verdict")).toBeFocused();
    await expect(form.getByLabel("Verdict")).toBeInViewport();
    expect(await offscreen(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
  });

  test("the reader's evidence dialog fits the screen", async ({ page }) => {
    await page.goto(`/articles/${slug}`);
    expect(await offscreen(page)).toEqual([]);
    await page.locator("mark.claim-mark").first().click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("City traffic counts");
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeLessThanOrEqual(844);
    expect(await offscreen(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
  });
});
