import { expect, test as base, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "factmark-demo";
export const SEED_SLUG = "in-syrian-christian-town-isis-mass-executed-116-people-before-assads-army-closed";
export const SEED_TITLE = "In Syrian Christian Town, ISIS Mass-Executed 116 People Before Assad's Army Closed In";

/** Every test fails on a browser console error or an uncaught exception (hydration errors included). */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`${m.text()} @ ${m.location().url}`);
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      await use(errors);
      // Refusals the tests provoke on purpose (a wrong password, a forbidden page, a stale save) are
      // logged by Chromium as resource errors; each test asserts the status it expects.
      const unexpected = errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
      expect(unexpected, unexpected.join("\n")).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * What a page of the app sends with every write, and what a test's direct API call must send too:
 * the API refuses a write that does not name the app's own origin (lib/http/request-guard.ts).
 */
export const SAME_ORIGIN = { origin: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAndWait(page: Page, email: string, password = DEMO_PASSWORD) {
  await signIn(page, email, password);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * Selects the `occurrence`-th appearance of `phrase` in the review editor's text with a DOM Range,
 * the way a mouse drag ends up (the phrase must lie inside one paragraph).
 */
export async function selectInArticle(page: Page, phrase: string, occurrence = 0) {
  await page.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
  await selectTextIn(page, '[data-testid="review-text"]', phrase, occurrence);
}

/** Selects a phrase inside the element `rootSelector`, across inline marks and decorations. */
export async function selectTextIn(page: Page, rootSelector: string, phrase: string, occurrence = 0) {
  await page.evaluate(
    ({ rootSelector, phrase, occurrence }) => {
      const root = document.querySelector<HTMLElement>(rootSelector);
      if (!root) throw new Error(`${rootSelector} is not mounted`);
      root.focus();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      const starts: number[] = [];
      let all = "";
      while (walker.nextNode()) {
        const t = walker.currentNode as Text;
        starts.push(all.length);
        nodes.push(t);
        all += t.data;
      }
      let idx = -1;
      for (let n = 0; n <= occurrence; n++) idx = all.indexOf(phrase, idx + 1);
      if (idx < 0) throw new Error(`phrase not found: ${phrase}`);
      const at = (off: number, isEnd: boolean) => {
        for (let i = 0; i < nodes.length; i++) {
          const s = starts[i];
          const e = s + nodes[i].data.length;
          if (isEnd ? off > s && off <= e : off >= s && off < e) return { node: nodes[i], offset: off - s };
        }
        throw new Error("offset out of range");
      };
      const a = at(idx, false);
      const b = at(idx + phrase.length, true);
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    },
    { rootSelector, phrase, occurrence },
  );
}

export const REVIEW_URL = `/articles/${SEED_SLUG}/review`;

export type ClaimToCreate = {
  quote: string;
  verdict: string;
  explanation: string;
  publish: boolean;
  sources?: { url: string; title: string; publisher?: string; publishedAt?: string; excerpt?: string; stance: string }[];
};

/**
 * Creates each claim on the first occurrence of its quote in the article's current version; the ones
 * marked `publish` are submitted by the reviewer and approved by the editor through the API. Returns
 * the claims' ids in order.
 */
export async function createClaims(reviewer: { request: APIRequestContext }, editor: { request: APIRequestContext }, slug: string, claims: ClaimToCreate[]): Promise<string[]> {
  const ids: string[] = [];
  const { articleVersionId, plainText } = await (await reviewer.request.get(`/api/articles/${slug}/claims`)).json();
  for (const c of claims) {
    const start = (plainText as string).indexOf(c.quote);
    expect(start, c.quote).toBeGreaterThanOrEqual(0);
    const created = await reviewer.request.post(`/api/articles/${slug}/claims`, {
      headers: SAME_ORIGIN,
      data: { articleVersionId, start, end: start + c.quote.length, fields: { verdict: c.verdict, explanation: c.explanation, tags: [], sources: c.sources ?? [] } },
    });
    expect(created.status(), await created.text()).toBe(201);
    let claim = (await created.json()).claim;
    ids.push(claim.id);
    if (!c.publish) continue;
    const submitted = await reviewer.request.post(`/api/claims/${claim.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "submit", version: claim.version } });
    expect(submitted.ok(), await submitted.text()).toBe(true);
    claim = (await submitted.json()).claim;
    const approved = await editor.request.post(`/api/claims/${claim.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "approve", version: claim.version } });
    expect(approved.ok(), await approved.text()).toBe(true);
  }
  return ids;
}
