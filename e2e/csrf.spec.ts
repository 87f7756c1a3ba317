// Cross-site request forgery (issue 12, item 1): a page on another port of the same host is "same
// site" for SameSite=Lax, so the signed-in editor's browser sends its cookies with that page's form
// posts and no-cors fetches. None of them may change anything.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, SAME_ORIGIN, SEED_SLUG, signInAndWait, test } from "./fixtures";

const APP = SAME_ORIGIN.origin;
const ATTACKER_PORT = Number(process.env.E2E_ATTACKER_PORT ?? 3119);
const MARKER = `csrf-${Date.now().toString(36)}`;

type Attack = { name: string; path: string; html: (target: string) => string; method?: string; refusedWith?: number };

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * A form with enctype="text/plain" sends `name=value`. With the name `{"a":1,"x":"` and the value
 * `"}` the body is the JSON object `{"a":1,"x":"="}`: the trick that approved a claim before.
 */
function textPlainJsonForm(target: string, body: Record<string, unknown>): string {
  const name = `${JSON.stringify(body).slice(0, -1)},"x":"`;
  return `<form method="POST" action="${attr(target)}" enctype="text/plain"><input type="hidden" name="${attr(name)}" value="&quot;}"></form><script>document.forms[0].submit()</script>`;
}

function urlEncodedForm(target: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${attr(k)}" value="${attr(v)}">`).join("");
  return `<form method="POST" action="${attr(target)}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

function noCorsFetch(target: string, body: string, contentType = "text/plain"): string {
  return `<script>fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": ${JSON.stringify(contentType)} }, body: ${JSON.stringify(body)} }).catch(() => {})</script>`;
}

let attacker: Server;
const pages = new Map<string, string>();

test.beforeAll(async () => {
  attacker = createServer((req, res) => {
    const html = pages.get(req.url ?? "");
    res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(html ? `<!doctype html><html><body>${html}</body></html>` : "");
  });
  await new Promise<void>((resolve) => attacker.listen(ATTACKER_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
});

type ClaimRow = { id: string; state: string; version: number; explanation: string };

async function workspace(page: Page): Promise<{ articleVersionId: string; plainText: string; claims: ClaimRow[] }> {
  const res = await page.request.get(`/api/articles/${SEED_SLUG}/claims`);
  expect(res.status()).toBe(200);
  return res.json();
}

/** Opens the attacker's page in the victim's browser and returns the status the app answered. */
async function launch(context: BrowserContext, attack: Attack, index: number): Promise<number> {
  const target = `${APP}${attack.path}`;
  const path = `/attack/${index}`;
  pages.set(path, attack.html(target));
  const page = await context.newPage();
  try {
    const answered = page.waitForResponse((r) => r.url() === target && r.request().method() === (attack.method ?? "POST"));
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}${path}`);
    return (await answered).status();
  } finally {
    await page.close();
  }
}

test("pages on another port cannot make a signed-in editor's browser write anything", async ({ page, browser }) => {
  // A reviewer's claim waits in SUBMITTED for an editor's approval.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signInAndWait(reviewer, "reviewer@example.org");
  const { articleVersionId, plainText } = await workspace(reviewer);
  const quote = "executions";
  const start = plainText.indexOf(quote);
  const created = await reviewer.request.post(`/api/articles/${SEED_SLUG}/claims`, {
    headers: SAME_ORIGIN,
    data: { articleVersionId, start, end: start + quote.length, fields: { verdict: "UNVERIFIED", explanation: "Waiting for approval.", tags: [], sources: [] } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const draft = (await created.json()).claim as ClaimRow;
  const submitted = await reviewer.request.post(`/api/claims/${draft.id}/transitions`, { headers: SAME_ORIGIN, data: { action: "submit", version: draft.version } });
  expect(submitted.status(), await submitted.text()).toBe(200);
  const claim = (await submitted.json()).claim as ClaimRow;
  await reviewerContext.close();

  await signInAndWait(page, "editor@example.org");
  const unreadBefore = await page.getByTestId("unread-count").textContent().catch(() => null);
  expect(Number(unreadBefore), "the submission notified the editor").toBeGreaterThan(0);

  const transitions = `/api/claims/${claim.id}/transitions`;
  const approve = { action: "approve", version: claim.version };
  const attacks: Attack[] = [
    { name: "text/plain form: approve", path: transitions, html: (t) => textPlainJsonForm(t, approve) },
    { name: "form-encoded: approve", path: transitions, html: (t) => urlEncodedForm(t, { action: "approve", version: String(claim.version) }) },
    { name: "no-cors fetch, text/plain: approve", path: transitions, html: (t) => noCorsFetch(t, JSON.stringify(approve)) },
    { name: "no-cors fetch, text/plain;application/json: approve", path: transitions, html: (t) => noCorsFetch(t, JSON.stringify(approve), "text/plain;application/json") },
    {
      name: "text/plain form: create a claim",
      path: `/api/articles/${SEED_SLUG}/claims`,
      html: (t) => textPlainJsonForm(t, { articleVersionId, start, end: start + quote.length, fields: { verdict: "FALSE", explanation: MARKER, tags: [], sources: [] } }),
    },
    { name: "text/plain form: comment", path: `/api/claims/${claim.id}/comments`, html: (t) => textPlainJsonForm(t, { body: MARKER }) },
    { name: "form-encoded: comment", path: `/api/claims/${claim.id}/comments`, html: (t) => urlEncodedForm(t, { body: MARKER }) },
    { name: "no-cors fetch, text/plain: comment", path: `/api/claims/${claim.id}/comments`, html: (t) => noCorsFetch(t, JSON.stringify({ body: MARKER })) },
    { name: "text/plain form: import an article", path: "/api/articles/import", html: (t) => textPlainJsonForm(t, { format: "text", content: `${MARKER} body text.`, title: MARKER }) },
    { name: "form-encoded: import an article", path: "/api/articles/import", html: (t) => urlEncodedForm(t, { format: "text", content: `${MARKER} body text.`, title: MARKER }) },
    // The route takes only PUT, which neither a form nor a no-cors fetch can send.
    { name: "form-encoded: assignments", path: `/api/articles/${SEED_SLUG}/assignments`, html: (t) => urlEncodedForm(t, { reviewerIds: "x" }), refusedWith: 405 },
    { name: "text/plain form: mark notifications read", path: "/api/notifications/read", html: (t) => textPlainJsonForm(t, {}) },
    { name: "form-encoded: mark notifications read", path: "/api/notifications/read", html: (t) => urlEncodedForm(t, {}) },
    { name: "text/plain form: profile name", path: "/api/account/profile", html: (t) => textPlainJsonForm(t, { name: MARKER }) },
    { name: "form-encoded: profile name", path: "/api/account/profile", html: (t) => urlEncodedForm(t, { name: MARKER }) },
    // Login CSRF: signing the victim into the attacker's account. Refused before next-auth runs.
    { name: "form-encoded: sign in as someone else", path: "/api/auth/callback/credentials", html: (t) => urlEncodedForm(t, { email: "reviewer@example.org", password: "factmark-demo", csrfToken: "x", json: "true" }) },
    { name: "form-encoded: sign out", path: "/api/auth/signout", html: (t) => urlEncodedForm(t, { csrfToken: "x", json: "true" }) },
  ];

  const answers: string[] = [];
  for (const [i, attack] of attacks.entries()) answers.push(`${attack.name}: ${await launch(page.context(), attack, i)}`);
  // Refused by the origin check: a 403, never a 2xx, a redirect or a 5xx.
  expect(answers).toEqual(attacks.map((a) => `${a.name}: ${a.refusedWith ?? 403}`));

  // Nothing changed: the claim still waits, with its version; no claim, comment, article or name carries the marker.
  const after = await workspace(page);
  expect(after.claims.find((c) => c.id === claim.id)).toMatchObject({ state: "SUBMITTED", version: claim.version });
  expect(after.claims.filter((c) => c.explanation === MARKER)).toEqual([]);
  expect(await (await page.request.get(`/review/claims/${claim.id}`)).text()).not.toContain(MARKER);
  expect(await (await page.request.get("/")).text()).not.toContain(MARKER);
  await page.goto("/account");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByTestId("unread-count")).toHaveText(unreadBefore!);
  expect(await page.content()).not.toContain(MARKER);
  // Still the editor, not signed in as the reviewer.
  expect((await (await page.request.get("/api/auth/session")).json()).user).toMatchObject({ email: "editor@example.org" });

  // The app's own pages still write: the editor approves through the UI's JSON call.
  const approved = await page.evaluate(
    async ({ url, body }) => (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).status,
    { url: transitions, body: approve },
  );
  expect(approved).toBe(200);
});
