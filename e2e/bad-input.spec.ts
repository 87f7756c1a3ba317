// Issue 12, items 7 and 8: hostile input is a 4xx with a reason (pages: the not-found page or the
// reason shown), never a 500, and nothing already saved changes. Bodies are sent as JSON text, so a
// lone surrogate travels as the escape "\ud800" exactly as an attacker's client would send it.
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { expect, SAME_ORIGIN, SEED_SLUG, signInAndWait, test } from "./fixtures";

const NUL = "\u0000";
const LONE = "\uD800";
const RTL_OVERRIDE = "\u202E";

/** A write as the app's own pages send it: JSON, same origin (the CSRF guard of issue 12 wants both). */
function send(page: Page, method: "POST" | "PATCH" | "PUT", path: string, body: unknown): Promise<APIResponse> {
  const origin = new URL(page.url()).origin;
  return page.request.fetch(path, { method, headers: { "content-type": "application/json", origin }, data: JSON.stringify(body) });
}

/** Soft: one run reports every hostile request that is not refused properly, not just the first. */
async function expectRefused(res: APIResponse, status: number, reason: RegExp) {
  const text = await res.text();
  expect.soft(res.status(), `${res.url()} → ${text}`).toBe(status);
  const message = /^\s*\{/.test(text) ? ((JSON.parse(text) as { error?: { message?: string } }).error?.message ?? "") : text;
  expect.soft(message, res.url()).toMatch(reason);
}

async function workspace(request: APIRequestContext, slug: string) {
  const res = await request.get(`/api/articles/${slug}/claims`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { articleVersionId: string; plainText: string; claims: { id: string; version: number; explanation: string }[] };
}

const FIELDS = { verdict: "DISPUTED", explanation: "Two counts differ.", tags: ["casualties"], sources: [] };

test("an editor's hostile text, dates, spans and path segments are refused with a reason, and nothing saved changes", async ({ page }) => {
  await signInAndWait(page, "editor@example.org");

  // A real claim to aim at, and the state it must keep: on an article of this test's own, so the
  // other specs' claims on the seed article are not disturbed.
  const own = await send(page, "POST", "/api/articles/import", {
    format: "text",
    title: `Casualty count ${Date.now()}`,
    content: "The monitor said at least 116 civilians were killed, while a local committee counted 67.",
  });
  expect(own.status()).toBe(201);
  const ownSlug = ((await own.json()) as { slug: string }).slug;
  const ws = await workspace(page.request, ownSlug);
  const quote = "at least 116 civilians";
  const start = ws.plainText.indexOf(quote);
  const created = await send(page, "POST", `/api/articles/${ownSlug}/claims`, { articleVersionId: ws.articleVersionId, start, end: start + quote.length, fields: FIELDS });
  expect(created.status()).toBe(201);
  const claim = (await created.json()).claim as { id: string; version: number };

  const span = { articleVersionId: ws.articleVersionId, start, end: start + quote.length };
  for (const [what, value, reason] of [["NUL", `a${NUL}b`, /NUL character/], ["lone surrogate", `a${LONE}b`, /broken character/]] as const) {
    await test.step(`${what} in an explanation, a comment, a tag, a source title`, async () => {
      await expectRefused(await send(page, "POST", `/api/articles/${ownSlug}/claims`, { ...span, fields: { ...FIELDS, explanation: value } }), 400, reason);
      await expectRefused(await send(page, "PATCH", `/api/claims/${claim.id}`, { version: claim.version, fields: { ...FIELDS, explanation: value } }), 400, reason);
      await expectRefused(await send(page, "PATCH", `/api/claims/${claim.id}`, { version: claim.version, fields: { ...FIELDS, tags: [value] } }), 400, reason);
      const source = { url: "https://example.org/", title: value, stance: "SUPPORTS" };
      await expectRefused(await send(page, "PATCH", `/api/claims/${claim.id}`, { version: claim.version, fields: { ...FIELDS, sources: [source] } }), 400, reason);
      await expectRefused(await send(page, "POST", `/api/claims/${claim.id}/comments`, { body: value }), 400, reason);
    });
    await test.step(`${what} in a profile name and an import title`, async () => {
      await expectRefused(await send(page, "POST", "/api/account/profile", { name: `Ed${value}` }), 400, reason);
      await expectRefused(await send(page, "POST", "/api/articles/import", { format: "text", content: "A short article.", title: value }), 400, reason);
    });
  }

  await test.step("a source dated 0000-01-01, an article published on 2024-02-30, a byline with a text-direction override", async () => {
    const source = { url: "https://example.org/", title: "Report", stance: "SUPPORTS", publishedAt: "0000-01-01" };
    await expectRefused(await send(page, "PATCH", `/api/claims/${claim.id}`, { version: claim.version, fields: { ...FIELDS, sources: [source] } }), 400, /year must be between 0001 and 9999/);
    const article = { format: "text", content: "A short article about dams.", title: "Dams" };
    await expectRefused(await send(page, "POST", "/api/articles/import", { ...article, publishedAt: "2024-02-30" }), 400, /2024-02-30 is not a date/);
    await expectRefused(await send(page, "POST", "/api/articles/import", { ...article, byline: `Ada ${RTL_OVERRIDE}retroper` }), 400, /text-direction/);
    await expectRefused(await send(page, "POST", "/api/account/profile", { name: `Ed ${RTL_OVERRIDE}rotide` }), 400, /text-direction/);
  });

  await test.step("a claim span that cuts an emoji in half", async () => {
    const imported = await send(page, "POST", "/api/articles/import", { format: "text", content: "The dam 😀 holds forty million cubic metres of water.", title: `Emoji dam ${Date.now()}` });
    expect(imported.status()).toBe(201);
    const { slug } = (await imported.json()) as { slug: string };
    const emoji = await workspace(page.request, slug);
    const at = emoji.plainText.indexOf("😀");
    const cut = await send(page, "POST", `/api/articles/${slug}/claims`, { articleVersionId: emoji.articleVersionId, start: at + 1, end: at + 12, fields: FIELDS });
    await expectRefused(cut, 400, /in half/);
  });

  await test.step("malformed slugs, ids and version numbers in the path", async () => {
    // A NUL anywhere in the address is refused before routing (proxy.ts); other malformed ids are no such claim.
    await expectRefused(await send(page, "PATCH", "/api/claims/%00", { version: 1, fields: FIELDS }), 400, /NUL character/);
    await expectRefused(await send(page, "PATCH", "/api/claims/not%20an%20id", { version: 1, fields: FIELDS }), 404, /no such claim/);
    await expectRefused(await send(page, "PATCH", `/api/claims/${claim.id}`, { version: 2 ** 40, fields: FIELDS }), 400, /no such version/);
    await expectRefused(await send(page, "POST", "/api/claims/%00/comments", { body: "Hi" }), 400, /NUL character/);
    await expectRefused(await send(page, "POST", "/api/claims/%00/transitions", { action: "submit", version: 1 }), 400, /NUL character/);
    await expectRefused(await page.request.get("/api/articles/%00/claims"), 400, /NUL character/);
    await expectRefused(await page.request.get("/api/articles/Not%20A%20Slug/claims"), 404, /no article at this address/);
    await expectRefused(await page.request.get("/api/articles/%00/published"), 400, /NUL character/);
    const restore = await send(page, "POST", `/api/articles/${ownSlug}/versions/99999999999999999999/restore`, { baseVersionId: ws.articleVersionId, correctionNote: null });
    await expectRefused(restore, 404, /no such version/);
    await expectRefused(await send(page, "POST", `/api/articles/${SEED_SLUG}/versions/stale-claims/%00`, { action: "confirm", version: 1 }), 400, /NUL character/);
    for (const path of [`/articles/%00`, `/articles/%00/edit`, `/articles/%00/versions`, `/articles/${SEED_SLUG}%00/review`, `/review/claims/%00`]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(400);
    }
    expect((await page.goto("/articles/Not%20A%20Slug"))?.status()).toBe(404);
  });

  await test.step("searches the database cannot run show their reason", async () => {
    // (A URL cannot carry a lone surrogate: invalid UTF-8 in it decodes to U+FFFD.)
    for (const q of ["%00", "x".repeat(201)]) {
      const res = await page.goto(`/?q=${q}`);
      expect(res?.status()).toBe(200);
      await expect(page.locator(".form-error[role=alert]")).toContainText(/NUL character|at most 200/);
    }
    const queue = await page.goto("/review/queue?article=%00&reviewer=%00");
    expect(queue?.status()).toBe(200);
  });

  await test.step("nothing already saved changed", async () => {
    const after = (await workspace(page.request, ownSlug)).claims.find((c) => c.id === claim.id)!;
    expect(after).toMatchObject({ version: claim.version, explanation: FIELDS.explanation });
    const session = await (await page.request.get("/api/auth/session")).json();
    expect(session.user.name).not.toMatch(/[\u0000\u202E\uD800]/);
    await page.goto("/account");
    await expect(page.getByText(/\u202E/)).toHaveCount(0);
  });
});

test("an admin's user search and new-user names refuse hostile text", async ({ page }) => {
  await signInAndWait(page, "admin@example.org");
  for (const q of ["%00", "x".repeat(201)]) {
    const res = await page.goto(`/admin/users?q=${q}`);
    expect(res?.status()).toBe(200);
    await expect(page.locator(".form-error[role=alert]")).toContainText(/NUL character|too long/);
    // The refused search filters nothing: the whole list is shown.
    await expect(page.getByTestId("users-table")).toContainText("editor@example.org");
  }
  for (const name of [`Mallory${RTL_OVERRIDE}nimda`, `Mal${NUL}lory`, `Mal${LONE}lory`, "Mallory\nAdmin"]) {
    const res = await send(page, "POST", "/api/admin/users", { name, email: `mallory-${Date.now()}@example.org`, role: "READER", method: "invitation" });
    await expectRefused(res, 400, /control or text-direction|NUL character|broken character/);
  }
  expect((await page.goto("/admin/users/%00"))?.status()).toBe(400);
  expect((await page.goto("/admin/users/not%20an%20id"))?.status()).toBe(404);
});

test("addresses whose percent-escapes are not UTF-8 get a 400 with a reason, and a GET of the sign-in callback a 405", async ({ request }) => {
  for (const segment of ["%C0%AF", "%FF%FE", "%ED%A0%80"]) {
    for (const path of [`/api/articles/${segment}/claims`, `/api/claims/${segment}`, `/api/admin/users/${segment}/role`]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(400);
      expect((await res.json()).error.message).toContain("not valid UTF-8");
    }
    for (const path of [`/articles/${segment}`, `/articles/${segment}/edit`, `/admin/users/${segment}`, `/review/claims/${segment}`]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(400);
      expect(await res.text()).toContain("not valid UTF-8");
    }
  }
  const callback = await request.get("/api/auth/callback/credentials?q=%00");
  expect(callback.status()).toBe(405);
  expect((await callback.json()).error.message).toContain("posting the sign-in form");
});

test("posts to next-auth addresses that take none, and NUL in any address, are refused with a reason", async ({ request }) => {
  for (const action of ["session", "error", "signin", "csrf"]) {
    const res = await request.post(`/api/auth/${action}`, { headers: { ...SAME_ORIGIN, "content-type": "text/plain" }, data: "x".repeat(1000) });
    expect(res.status(), action).toBe(405);
  }
  for (const path of ["/api/tokens/a%00b", "/articles/%00/annotations/", `/articles/${SEED_SLUG}/annotations/a%00b`]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain("NUL character");
  }
});
