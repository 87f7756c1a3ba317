// Issue 21: the anonymous reader page is served from the custom server's per-revision cache with
// HTTP caching headers a CDN can use, a hash-based CSP that hydrates the page, and never the page
// of a signed-in reader. Uses its own article (imported here), so no other spec's words matter.
import type { Browser, Page } from "@playwright/test";
import { expect, SAME_ORIGIN, signInAndWait, test } from "./fixtures";

const TEXT = "The harbour authority said the new breakwater is four hundred metres long. Local fishermen dispute the length of the breakwater.";
const QUOTE = "four hundred metres long";
const EXPLANATION = "The authority plan gives 380 metres (reader-cache spec).";
const DRAFT_MARKER = "QXCACHEDRAFT9034";

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndWait(page, email);
  return { context, page };
}

async function hydrated(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const link = document.querySelector("header a");
    return !!link && Object.keys(link).some((k) => k.startsWith("__reactFiber"));
  });
}

test.describe.serial("anonymous reader cache", () => {
  // Two sign-ins, an import and an approval before the first test, on a loaded machine.
  test.describe.configure({ timeout: 120_000 });
  let slug = "";

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    const editor = await signedIn(browser, "editor@example.org");
    const reviewer = await signedIn(browser, "reviewer@example.org");
    try {
      const created = await editor.page.request.post("/api/articles/import", { headers: SAME_ORIGIN, data: { format: "text", title: `Breakwater ${Date.now()}`, content: TEXT } });
      expect(created.status(), await created.text()).toBe(201);
      slug = ((await created.json()) as { slug: string }).slug;
      const { articleVersionId, plainText } = await (await reviewer.page.request.get(`/api/articles/${slug}/claims`)).json();
      const make = async (quote: string, explanation: string) => {
        const start = (plainText as string).indexOf(quote);
        const res = await reviewer.page.request.post(`/api/articles/${slug}/claims`, {
          headers: SAME_ORIGIN,
          data: { articleVersionId, start, end: start + quote.length, fields: { verdict: "DISPUTED", explanation, tags: [], sources: [] } },
        });
        expect(res.status(), await res.text()).toBe(201);
        return (await res.json()).claim;
      };
      let claim = await make(QUOTE, EXPLANATION);
      await make("dispute the length", `Draft ${DRAFT_MARKER}`);
      claim = (await (await reviewer.page.request.post(`/api/claims/${claim.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "submit", version: claim.version } })).json()).claim;
      const approved = await editor.page.request.post(`/api/claims/${claim.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "approve", version: claim.version } });
      expect(approved.status(), await approved.text()).toBe(200);
    } finally {
      await editor.context.close();
      await reviewer.context.close();
    }
  });

  test("an anonymous page is public, has a strong ETag, answers If-None-Match with 304 and is compressed", async ({ playwright }) => {
    const anon = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    try {
      const res = await anon.get(`/articles/${slug}`, { headers: { "accept-encoding": "identity" } });
      expect(res.status()).toBe(200);
      const h = res.headers();
      expect(h["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
      expect(h.etag).toMatch(/^"[^"]+"$/);
      expect(h.vary).toContain("Accept-Encoding");
      expect(h.vary).toContain("Cookie");
      expect(h["content-security-policy"]).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      expect(h["content-security-policy"]).not.toContain("nonce");
      const html = await res.text();
      expect(html).toContain(EXPLANATION);
      expect(html).not.toContain(DRAFT_MARKER);
      expect(html).not.toMatch(/ nonce="/);
      const again = await anon.get(`/articles/${slug}`, { headers: { "if-none-match": h.etag, "accept-encoding": "identity" } });
      expect(again.status()).toBe(304);
      expect(again.headers().etag).toBe(h.etag);
      for (const encoding of ["br", "gzip"]) {
        const compressed = await anon.get(`/articles/${slug}`, { headers: { "accept-encoding": encoding } });
        expect(compressed.headers()["content-encoding"]).toBe(encoding);
        expect(compressed.headers().etag).not.toBe(h.etag);
        expect(await compressed.text()).toBe(html);
      }
      const feed = await anon.get("/claimreview.json", { headers: { "accept-encoding": "gzip" } });
      expect(feed.status()).toBe(200);
      expect(feed.headers()["content-encoding"]).toBe("gzip");
      expect(feed.headers().etag).toMatch(/^"[^"]+-gzip"$/);
      expect(feed.headers()["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
      expect((await anon.get("/claimreview.json", { headers: { "if-none-match": feed.headers().etag } })).status()).toBe(304);
    } finally {
      await anon.dispose();
    }
  });

  test("the cached page hydrates under its hash-based CSP and its checks open", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`/articles/${slug}`);
    await expect.poll(() => hydrated(page)).toBe(true);
    await page.locator("mark[data-claim-id]").first().click();
    await expect(page.getByRole("dialog")).toContainText(EXPLANATION);
    expect(violations).toEqual([]);
  });

  test("a client-side navigation to the page shows the article and its checks", async ({ page }) => {
    await page.goto("/");
    await expect.poll(() => hydrated(page)).toBe(true);
    const link = page.locator(`a[href="/articles/${slug}"]`).first();
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/articles/${slug}$`));
    await expect(page.getByTestId("article-body")).toContainText("breakwater");
    await expect(page.locator(".evidence-list")).toContainText(EXPLANATION);
  });

  test("a signed-in reader gets a private page that the anonymous one never becomes", async ({ browser, playwright }) => {
    const editor = await signedIn(browser, "editor@example.org");
    try {
      const res = await editor.page.goto(`/articles/${slug}`);
      expect(res!.headers()["cache-control"]).toContain("no-store");
      expect(res!.headers().etag).toBeUndefined();
      expect(res!.headers()["content-security-policy"]).toContain("'nonce-");
      await expect(editor.page.getByRole("link", { name: "Review", exact: true })).toBeVisible();
    } finally {
      await editor.context.close();
    }
    const anon = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    try {
      const html = await (await anon.get(`/articles/${slug}`)).text();
      expect(html).not.toContain(`/articles/${slug}/review`);
      expect(html).not.toContain("Eddie Editor</");
      expect(html).not.toContain(DRAFT_MARKER);
    } finally {
      await anon.dispose();
    }
  });
});
