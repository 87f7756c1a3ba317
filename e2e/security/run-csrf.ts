// Cross-site request forgery on every write route (issue 12, finding 1): each request is what a
// page on another origin can make a signed-in browser send without a CORS preflight, plus the
// header combinations the guard must refuse. Accepted = a 2xx, or any change the API can see.
import { type Client, type RoleName } from "./client";
import { contextAs, launchChromium } from "./browser";
import type { Fixtures } from "./fixtures";
import { MATRIX, type Req } from "./matrix";
import type { RouteKey } from "./route-tree";
import { ATTACKER_ORIGIN, startAttacker } from "./server";

export type CsrfResult = { attempts: number; accepted: string[]; errors: string[] };

type Variant = { name: string; cookieless?: boolean; headers: (base: string) => Record<string, string>; body: (json: unknown) => string };

const asText = (json: unknown) => {
  // What <form enctype="text/plain"> sends when the field name is the start of a JSON object.
  const obj = json && typeof json === "object" && !Array.isArray(json) ? { ...(json as object), x: "=" } : json;
  return JSON.stringify(obj);
};
const asForm = (json: unknown) => {
  const text = JSON.stringify(json ?? {});
  return `${encodeURIComponent(text.slice(0, -1) + ',"x":"')}=${encodeURIComponent('"}')}`;
};

const VARIANTS: Variant[] = [
  { name: "JSON from a foreign Origin", headers: () => ({ origin: ATTACKER_ORIGIN, "sec-fetch-site": "same-site", "content-type": "application/json" }), body: (j) => JSON.stringify(j) },
  { name: "text/plain form from a foreign Origin", headers: () => ({ origin: ATTACKER_ORIGIN, "sec-fetch-site": "same-site", "content-type": "text/plain" }), body: asText },
  { name: "url-encoded form from a foreign Origin", headers: () => ({ origin: ATTACKER_ORIGIN, "sec-fetch-site": "same-site", "content-type": "application/x-www-form-urlencoded" }), body: asForm },
  { name: "Content-Type text/plain;application/json, no Origin", headers: () => ({ "content-type": "text/plain;application/json" }), body: (j) => JSON.stringify(j) },
  { name: "JSON with cookies but no Origin and no Sec-Fetch-Site", cookieless: false, headers: () => ({ "content-type": "application/json" }), body: (j) => JSON.stringify(j) },
  { name: "JSON with Sec-Fetch-Site: cross-site", headers: () => ({ "sec-fetch-site": "cross-site", "content-type": "application/json" }), body: (j) => JSON.stringify(j) },
  { name: "JSON with Origin: null (sandboxed frame)", headers: () => ({ origin: "null", "content-type": "application/json" }), body: (j) => JSON.stringify(j) },
  { name: "same-origin text/plain (not exactly application/json)", headers: (base) => ({ origin: base, "sec-fetch-site": "same-origin", "content-type": "text/plain" }), body: (j) => JSON.stringify(j) },
];

/** What the API shows of the state a write could change: claims of the articles involved, the actor's name. */
async function fingerprint(fx: Fixtures, client: Client): Promise<string> {
  const parts: string[] = [];
  for (const slug of [fx.scratchSlug, "in-syrian-christian-town-isis-mass-executed-116-people-before-assads-army-closed"]) {
    const r = await fx.as.admin.send("GET", `/api/articles/${encodeURIComponent(slug)}/claims`);
    const body = r.json as { articleVersionId?: string; claims?: { id: string; version: number; state: string }[] } | null;
    parts.push(`${body?.articleVersionId}:${(body?.claims ?? []).map((c) => `${c.id}/${c.version}/${c.state}`).sort().join(",")}`);
  }
  const me = await client.send("GET", "/api/auth/session");
  parts.push(JSON.stringify((me.json as { user?: unknown } | null)?.user ?? null)); // not `expires`: it moves on every read
  return parts.join("|");
}

export async function runCsrf(fx: Fixtures, tree: RouteKey[], log: (s: string) => void): Promise<CsrfResult> {
  const result: CsrfResult = { attempts: 0, accepted: [], errors: [] };
  const writes = tree.filter((k) => /^(POST|PUT|PATCH|DELETE) /.test(k) && !k.includes("/api/auth/"));
  for (const key of writes) {
    const c = MATRIX[key]?.[0];
    if (!c) continue;
    const cookieAuthenticated = c.expect.anonymous !== "ok";
    const role = (["editor", "admin", "reviewer", "reader"] as RoleName[]).find((r) => c.expect[r] === "ok" || c.expect[r] === "reached") ?? "editor";
    const client = fx.as[role];
    let req: Req | null = null;
    for (const v of VARIANTS) {
      if (!cookieAuthenticated && v.name.includes("no Origin")) continue; // a credential in the body, not a cookie, authorizes it
      try {
        req ??= await c.build(fx, role);
        const before = await fingerprint(fx, client);
        const headers = { ...v.headers(fx.base), cookie: client.cookieHeader() };
        const res = await fetch(fx.base + req.path, { method: req.method, headers, body: v.body(req.json ?? {}), redirect: "manual", signal: AbortSignal.timeout(30_000) });
        const text = await res.text();
        result.attempts++;
        const after = await fingerprint(fx, client);
        if ((res.status >= 200 && res.status < 300) || before !== after) {
          result.accepted.push(`${key} as ${role}, ${v.name}: ${res.status}${before !== after ? " (state changed)" : ""} ${text.slice(0, 100).replace(/\s+/g, " ")}`);
          req = null; // the target was used up: build a fresh one
          await fx.refresh(role as Exclude<RoleName, "anonymous">);
        } else if (res.status >= 500) {
          result.errors.push(`${key} as ${role}, ${v.name}: ${res.status}`);
        }
      } catch (e) {
        result.errors.push(`${key} as ${role}, ${v.name}: ${(e as Error).message}`);
        req = null;
      }
    }
  }

  // next-auth's own POSTs are guarded by its CSRF token: a forged sign-out must not end the session.
  for (const role of ["editor", "reviewer"] as const) {
    const client = fx.as[role];
    const res = await fetch(`${fx.base}/api/auth/signout`, {
      method: "POST",
      headers: { origin: ATTACKER_ORIGIN, "sec-fetch-site": "same-site", "content-type": "application/x-www-form-urlencoded", cookie: client.cookieHeader() },
      body: "callbackUrl=%2F",
      redirect: "manual",
    });
    await res.text();
    result.attempts++;
    const me = await client.send("GET", "/api/auth/session");
    if (!(me.json as { user?: unknown } | null)?.user) {
      result.accepted.push(`POST /api/auth/signout as ${role} without next-auth's CSRF token from a foreign Origin ended the session (${res.status})`);
      await fx.refresh(role);
    }
  }

  // In the browser: a page on the attacker's port auto-submits a text/plain form to the transitions
  // route in a signed-in editor's Chromium (the probe that approved and published a claim).
  const claim = await fx.newClaim("SUBMITTED");
  const fieldName = `{"action":"approve","version":${claim.version},"x":"`;
  const html = `<!doctype html><form id="f" method="POST" enctype="text/plain" action="${fx.base}/api/claims/${claim.id}/transitions"><input name='${fieldName}' value='"}'></form><script>document.getElementById("f").submit()</script>`;
  const attacker = await startAttacker(new Map([["/csrf.html", html]]));
  const browser = await launchChromium();
  try {
    const context = await contextAs(browser, fx.as.editor);
    const page = await context.newPage();
    const answered = page.waitForResponse((r) => r.url().includes(`/api/claims/${claim.id}/transitions`), { timeout: 20_000 }).catch(() => null);
    await page.goto(`${ATTACKER_ORIGIN}/csrf.html`);
    const response = await answered;
    result.attempts++;
    const ws = await fx.as.editor.send("GET", `/api/articles/${encodeURIComponent(claim.slug)}/claims`);
    const state = (ws.json as { claims: { id: string; state: string }[] }).claims.find((c) => c.id === claim.id)?.state;
    if (state !== "SUBMITTED" || (response && response.status() < 300)) {
      result.accepted.push(`Chromium: a text/plain form on ${ATTACKER_ORIGIN} posted to /api/claims/${claim.id}/transitions as the editor → ${response?.status() ?? "?"}, claim now ${state}`);
    }
    await context.close();
  } finally {
    await browser.close();
    attacker.close();
  }
  log(`csrf: ${result.attempts} attempts, ${result.accepted.length} accepted`);
  return result;
}
