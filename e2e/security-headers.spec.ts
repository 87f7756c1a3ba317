// Security headers (issue 12, item 9): every page type, as the role that sees it, works under its
// Content-Security-Policy (scripts hydrate, no violation reported), and every response carries the
// headers. The fixture also fails a test on any console error, a CSP report included.
import type { Browser, Page, Response } from "@playwright/test";
import { expect, SAME_ORIGIN, SEED_SLUG, signInAndWait, test } from "./fixtures";

const ARTICLE = `/articles/${SEED_SLUG}`;

type Role = "anonymous" | "reader" | "reviewer" | "editor" | "admin";
type PageCase = { name: string; role: Role; path: () => string; status?: number; csp?: "nonce" | "hashes"; ready: (page: Page) => Promise<void> };

let claimId = "";
let userPath = "";

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name })).toBeAttached();
};

const PAGES: PageCase[] = [
  { name: "home", role: "anonymous", path: () => "/", ready: heading("Fact-checked articles") },
  { name: "login", role: "anonymous", path: () => "/login", ready: heading("Sign in") },
  {
    name: "reader article (with a published check and its ClaimReview JSON-LD)",
    role: "anonymous",
    path: () => ARTICLE,
    // Served from the anonymous cache (issue 21): the same bytes for every reader, so hashes, not a nonce.
    csp: "hashes",
    ready: async (page) => {
      await expect(page.getByTestId("article-body")).toBeVisible();
      await expect(page.locator('script[type="application/ld+json"]').first()).toBeAttached();
    },
  },
  // A token that never existed is a 404 with the invitation's own page (issue 20, item 7).
  { name: "invitation page", role: "anonymous", path: () => "/invite/not-a-real-token", status: 404, ready: heading(/Invitation link not usable|Set your password/) },
  { name: "404", role: "anonymous", path: () => "/articles/no-such-article", status: 404, ready: heading("Page not found") },
  { name: "403", role: "reader", path: () => `${ARTICLE}/review`, status: 403, ready: heading("Not allowed") },
  { name: "review workspace", role: "editor", path: () => `${ARTICLE}/review`, ready: async (page) => expect(page.locator('[data-testid="article-body"][data-ready="true"]')).toBeVisible() },
  { name: "edit page", role: "editor", path: () => `${ARTICLE}/edit`, ready: async (page) => expect(page.locator('[data-testid="article-editor"][data-ready="true"]')).toBeVisible() },
  { name: "versions", role: "editor", path: () => `${ARTICLE}/versions`, ready: heading(/Version history/) },
  { name: "new article", role: "editor", path: () => "/articles/new", ready: heading("New article") },
  { name: "review queue", role: "editor", path: () => "/review/queue", ready: heading("Review queue") },
  { name: "claim page", role: "editor", path: () => `/review/claims/${claimId}`, ready: heading("Claim") },
  { name: "notifications", role: "reviewer", path: () => "/notifications", ready: heading("Notifications") },
  { name: "account", role: "reviewer", path: () => "/account", ready: heading("Your account") },
  { name: "admin users", role: "admin", path: () => "/admin/users", ready: heading("Users") },
  { name: "admin user", role: "admin", path: () => userPath, ready: async (page) => expect(page.locator("h1")).toBeVisible() },
];

const EMAIL: Record<Exclude<Role, "anonymous">, string> = {
  reader: "reader@example.org",
  reviewer: "reviewer@example.org",
  editor: "editor@example.org",
  admin: "admin@example.org",
};

/** Collects CSP violations the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return seen;
}

async function violationsIn(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ["listener missing"]);
}

/** Whether React hydrated the page: only Next's scripts, which need the nonce, can do that. */
async function hydrated(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const link = document.querySelector("header a");
    return !!link && Object.keys(link).some((k) => k.startsWith("__reactFiber"));
  });
}

function expectSecurityHeaders(res: Response, kind: "nonce" | "hashes" = "nonce") {
  const h = res.headers();
  const csp = h["content-security-policy"] ?? "";
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  if (kind === "hashes") {
    expect(scriptSrc).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]{44}')+$/);
  } else {
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc).toContain("'strict-dynamic'");
  }
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) expect(csp).toContain(directive);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["permissions-policy"]).toContain("camera=()");
  return kind === "hashes" ? `hashes ${res.url()}` : /'nonce-([^']+)'/.exec(csp)![1];
}

async function publishOneClaim(browser: Browser) {
  const reviewerContext = await browser.newContext();
  const editorContext = await browser.newContext();
  try {
    const reviewer = await reviewerContext.newPage();
    const editor = await editorContext.newPage();
    await signInAndWait(reviewer, EMAIL.reviewer);
    await signInAndWait(editor, EMAIL.editor);
    const { articleVersionId, plainText } = await (await reviewer.request.get(`/api/articles/${SEED_SLUG}/claims`)).json();
    const quote = "Palmyra";
    const start = (plainText as string).indexOf(quote);
    const created = await reviewer.request.post(`/api/articles/${SEED_SLUG}/claims`, {
      headers: SAME_ORIGIN,
      data: { articleVersionId, start, end: start + quote.length, fields: { verdict: "ACCURATE", explanation: "The town is Palmyra.", tags: [], sources: [] } },
    });
    expect(created.status(), await created.text()).toBe(201);
    let claim = (await created.json()).claim;
    const submitted = await reviewer.request.post(`/api/claims/${claim.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "submit", version: claim.version } });
    claim = (await submitted.json()).claim;
    const approved = await editor.request.post(`/api/claims/${claim.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "approve", version: claim.version } });
    expect(approved.status(), await approved.text()).toBe(200);
    claimId = claim.id;
  } finally {
    await reviewerContext.close();
    await editorContext.close();
  }
}

test.describe.serial("security headers", () => {
  test.beforeAll(async ({ browser }) => {
    await publishOneClaim(browser);
  });

  for (const role of ["anonymous", "reader", "reviewer", "editor", "admin"] as const) {
    test(`every ${role} page works under its CSP with no violation`, async ({ page }) => {
      const cases = PAGES.filter((p) => p.role === role);
      const consoleViolations = await watchViolations(page);
      if (role !== "anonymous") await signInAndWait(page, EMAIL[role]);
      if (role === "admin") {
        await page.goto("/admin/users");
        userPath = (await page.locator('a[href^="/admin/users/"]').first().getAttribute("href")) ?? "";
        expect(userPath).toMatch(/^\/admin\/users\/./);
      }
      const nonces = new Set<string>();
      for (const c of cases) {
        const res = await page.goto(c.path());
        expect(res, c.name).not.toBeNull();
        expect.soft(res!.status(), c.name).toBe(c.status ?? 200);
        nonces.add(expectSecurityHeaders(res!, c.csp));
        await c.ready(page);
        await expect.soft.poll(() => hydrated(page), { message: `${c.name} hydrates` }).toBe(true);
        expect.soft(await violationsIn(page), c.name).toEqual([]);
      }
      expect(consoleViolations).toEqual([]);
      expect(nonces.size, "a fresh nonce per response").toBe(cases.length);
    });
  }

  test("API responses, redirects and static files carry the headers too", async ({ page }) => {
    const api = await page.request.get(`/api/articles/${SEED_SLUG}/published`);
    expect(api.status()).toBe(200);
    expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["x-frame-options"]).toBe("DENY");
    const refused = await page.request.post("/api/notifications/read", { headers: SAME_ORIGIN, data: {} });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["x-content-type-options"]).toBe("nosniff");
    const redirect = await page.request.get("/review/queue", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers()["location"]).toContain("/login?callbackUrl=%2Freview%2Fqueue");
    expect(redirect.headers()["x-frame-options"]).toBe("DENY");
    const icon = await page.request.get("/icon.svg");
    expect(icon.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("the policy blocks what an injected script would do, and the detector sees it", async ({ browser }) => {
    // Its own context: the violation this provokes is a console error the fixture would count.
    const context = await browser.newContext();
    const page = await context.newPage();
    await watchViolations(page);
    await page.goto(ARTICLE);
    await page.evaluate(() => {
      const box = document.createElement("div");
      box.innerHTML = `<img src="/icon.svg" onload="window.__pwned = 1">`;
      document.body.append(box);
    });
    await expect.poll(() => violationsIn(page)).toEqual([expect.stringMatching(/^script-src/)]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
  });

  test("the page cannot be framed by another origin", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const framed: string[] = [];
    page.on("console", (m) => framed.push(m.text()));
    await page.setContent(`<iframe src="${SAME_ORIGIN.origin}/login"></iframe>`);
    await expect.poll(() => framed.some((t) => /frame-ancestors|X-Frame-Options|refused to connect/i.test(t))).toBe(true);
    const frame = page.frames().find((f) => f.url().includes("/login"));
    expect(await frame?.locator("h1").count().catch(() => 0)).toBeFalsy();
    await context.close();
  });
});
