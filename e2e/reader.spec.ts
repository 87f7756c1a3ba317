import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "@playwright/test";
import { checkClaimReview } from "../lib/publishing/claimreview-rules";
import { createClaims, expect, SAME_ORIGIN, SEED_SLUG, signInAndWait, test, type ClaimToCreate } from "./fixtures";

const ARTICLE = `/articles/${SEED_SLUG}`;
const DRAFT_MARKER = "QXDRAFTLEAK7731";


async function signedInRequest(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndWait(page, email);
  return { context, request: page.request };
}

/** Creates a claim on the first occurrence of its quote, then submits and approves it through the API. */
async function publishClaims(browser: Browser, claims: ClaimToCreate[]) {
  const reviewer = await signedInRequest(browser, "reviewer@example.org");
  const editor = await signedInRequest(browser, "editor@example.org");
  const ids: string[] = [];
  try {
    ids.push(...(await createClaims(reviewer, editor, SEED_SLUG, claims)));
  } finally {
    await reviewer.context.close();
    await editor.context.close();
  }
  return ids;
}

test.describe.serial("reader view", () => {
  let disputed = "";
  let falseClaim = "";
  let withdrawn = "";

  test.beforeAll(async ({ browser }) => {
    [disputed, falseClaim, withdrawn] = await publishClaims(browser, [
      {
        quote: "executions committed in the days before the Syrian regime recaptured the town",
        verdict: "DISPUTED",
        explanation: "SOHR counts 116 executed; the Palmyra Coordination Committee identified 67.",
        publish: true,
        sources: [
          { url: "https://www.syriahr.com/en/", title: "SOHR casualty report", publisher: "Syrian Observatory for Human Rights", publishedAt: "2015-10-23", excerpt: "at least 116 civilians", stance: "SUPPORTS" },
          { url: "https://example.org/palmyra-67", title: "Palmyra Coordination Committee count", publisher: "Palmyra Coordination Committee", excerpt: "67 civilians", stance: "REFUTES" },
        ],
      },
      { quote: "liberated the town on October 21", verdict: "FALSE", explanation: "The town was retaken on October 21 by regime forces; 'liberated' is contested.", publish: true },
      { quote: "100 kilometers southwest of the ancient city of Palmyra", verdict: "ACCURATE", explanation: "Matches maps of the area.", publish: true },
      { quote: "found the bodies on the streets", verdict: "FALSE", explanation: `Draft note ${DRAFT_MARKER}`, publish: false },
    ]);
    // Withdraw the third check.
    const editor = await signedInRequest(browser, "admin@example.org");
    const published = await (await editor.request.get(`/api/articles/${SEED_SLUG}/claims`)).json();
    const row = published.claims.find((c: { id: string }) => c.id === withdrawn);
    const res = await editor.request.post(`/api/claims/${withdrawn}/transitions`, { headers: SAME_ORIGIN, data: { action: "retract", version: row.version, reason: "The distance could not be confirmed." } });
    expect(res.ok(), await res.text()).toBe(true);
    await editor.context.close();
  });

  test("approved claims are highlighted by verdict and their popovers show the evidence", async ({ page }) => {
    // Other specs publish checks on the same article too: the summary must agree with the public list.
    const published: { retraction: unknown }[] = (await (await page.request.get(`/api/articles/${SEED_SLUG}/published`)).json()).claims;
    const live = published.filter((c) => !c.retraction).length;
    await page.goto(ARTICLE);
    await expect(page.getByTestId("claims-checked")).toHaveText(`${live} claims checked, ${published.length - live} withdrawn`);
    const mark = page.locator(`mark[data-claim-id="${disputed}"]`).first();
    await expect(mark).toHaveAttribute("data-verdict", "DISPUTED");
    await expect(mark).toHaveAccessibleName(/Claim rated Credible sources disagree/);
    await mark.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Credible sources disagree");
    const link = dialog.getByRole("link", { name: "SOHR casualty report" });
    await expect(link).toHaveAttribute("href", "https://www.syriahr.com/en/");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
    await expect(dialog).toContainText("Refutes the claim");
    await expect(dialog).toContainText("Checked by Rita Reviewer; approved by Eddie Editor");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    // A withdrawn check says so, with the reason.
    await page.locator(`mark[data-claim-id="${withdrawn}"]`).first().click();
    await expect(page.getByRole("dialog")).toContainText("Check withdrawn");
    await expect(page.getByRole("dialog")).toContainText("The distance could not be confirmed.");
  });

  test("every emitted ClaimReview passes the field rules", async ({ page, request }) => {
    await page.goto(ARTICLE);
    const scripts = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((s) => JSON.parse(s));
    for (const s of scripts) expect(checkClaimReview(s, page.url()).errors).toEqual([]);
    const reviewed = scripts.map((s) => s.claimReviewed);
    expect(reviewed).toEqual(expect.arrayContaining(["executions committed in the days before the Syrian regime recaptured the town", "liberated the town on October 21"]));
    expect(reviewed).not.toContain("100 kilometers southwest of the ancient city of Palmyra"); // withdrawn: no ClaimReview
    expect(scripts.every((s) => s.url.includes(`/articles/${SEED_SLUG}#claim-`))).toBe(true);
    const feed = await (await request.get("/claimreview.json")).json();
    expect(feed["@type"]).toBe("DataFeed");
    expect(feed.dataFeedElement.map((r: { claimReviewed: string }) => r.claimReviewed)).toEqual(expect.arrayContaining(reviewed));
    expect(feed.dataFeedElement.map((r: { claimReviewed: string }) => r.claimReviewed)).not.toContain("100 kilometers southwest of the ancient city of Palmyra");
  });

  test("a draft's marker is absent from every anonymous response", async ({ page, request }) => {
    const bodies: string[] = [];
    page.on("response", async (r) => {
      try {
        bodies.push(await r.text());
      } catch {
        // redirects and aborted requests have no body
      }
    });
    await page.goto("/");
    await page.getByRole("link", { name: /In Syrian Christian Town/ }).first().click();
    await page.locator("mark").first().waitFor();
    // Searching for the draft's own words finds nothing (searching for the marker would only echo the query).
    for (const q of ["bodies streets", "draft note"]) {
      await page.goto(`/?q=${encodeURIComponent(q)}`);
      await expect(page.getByRole("search")).toBeVisible();
      await expect(page.getByRole("link", { name: "“found the bodies on the streets”" })).toHaveCount(0);
    }
    const direct = await Promise.all(
      [ARTICLE, `${ARTICLE}?_rsc=1`, "/claimreview.json", `/api/articles/${SEED_SLUG}/published`, `/api/articles/${SEED_SLUG}/corrections`, "/?q=bodies%20streets"].map(async (url) => (await request.get(url, { headers: url.includes("_rsc") ? { RSC: "1" } : {} })).text()),
    );
    const everything = [...bodies, ...direct];
    expect(everything.length).toBeGreaterThan(8);
    for (const body of everything) expect(body).not.toContain(DRAFT_MARKER);
    // …and the draft's words are not highlighted for readers.
    await page.goto(ARTICLE);
    await expect(page.locator("mark", { hasText: "found the bodies on the streets" })).toHaveCount(0);
    expect(falseClaim).not.toBe("");
  });

  test("n and p move between checks, Enter opens the evidence and Esc closes it", async ({ page }) => {
    await page.goto(ARTICLE);
    await page.locator("body").press("n");
    await expect(page.locator('mark[data-first="true"]').first()).toBeFocused();
    const ours = page.locator(`mark[data-claim-id="${disputed}"][data-first="true"]`);
    await ours.focus();
    await page.keyboard.press("n");
    await expect(ours).not.toBeFocused();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-first"))).toBe("true");
    await page.keyboard.press("p");
    await expect(ours).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog")).toContainText("SOHR casualty report");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(ours).toBeFocused();
  });

  test("the article page has no accessibility violations, popover closed and open", async ({ page }) => {
    await page.goto(ARTICLE);
    const axe = () => new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    expect((await axe()).violations.map((v) => v.id)).toEqual([]);
    await page.locator(`mark[data-claim-id="${disputed}"]`).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect((await axe()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  });

  test("the index counts checked claims and finds them by full-text search", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByText(/\d+ claims checked/).first()).toBeVisible();
    await page.getByLabel("Search articles and checked claims").fill("Palmyra committee");
    await page.getByRole("button", { name: "Search" }).click();
    const found = page.locator(`a[href^="/articles/${SEED_SLUG}#claim-"]`, { hasText: "“executions committed in the days before the Syrian regime recaptured the town”" });
    await expect(found).toBeVisible();
  });

  test("the article is readable, with its evidence, without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(ARTICLE);
    await expect(page.locator(`mark[data-claim-id="${disputed}"]`).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "The evidence" })).toBeVisible();
    await expect(page.getByRole("link", { name: "SOHR casualty report" })).toHaveAttribute("rel", "noopener noreferrer nofollow");
    await context.close();
  });
});
