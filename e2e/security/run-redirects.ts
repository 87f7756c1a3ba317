// Open redirects (issue 12, finding 2): every parameter that decides where the app sends the
// browser, with the tricks that fool prefix checks. The Location chain is followed hop by hop,
// and the sign-in form is used for real in Chromium, where the client-side redirect happens.
import { Client } from "./client";
import { launchChromium } from "./browser";
import type { Fixtures } from "./fixtures";
import { ATTACKER_ORIGIN } from "./server";

export type RedirectResult = { attempts: number; offsite: string[]; errors: string[] };

/** Raw query-string values (already percent-encoded where a browser would keep them encoded). */
export const REDIRECT_PAYLOADS: string[] = [
  "%2F%09%2Fevil.example%2Fphish",
  "%2F%0A%2Fevil.example%2Fphish",
  "%2F%0D%0A%2Fevil.example",
  "%2F%2Fevil.example",
  "//evil.example/",
  "%2F%5Cevil.example",
  "/%5C/evil.example",
  "%5C%5Cevil.example",
  "https%3A%2F%2Fevil.example%2F",
  "https://evil.example/",
  "http:evil.example",
  "https:/evil.example",
  "%2F%20%2Fevil.example",
  "%20%2F%2Fevil.example",
  "%09%2F%2Fevil.example",
  "%2F%2F%2Fevil.example",
  "%2F%E3%80%80%2Fevil.example",
  "%2F%2Fevil.example%2F%252e%252e",
  "javascript%3Aalert(1)",
  "data%3Atext%2Fhtml%2C%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  encodeURIComponent(ATTACKER_ORIGIN + "/"),
  encodeURIComponent("//127.0.0.1:" + new URL(ATTACKER_ORIGIN).port + "/"),
  "%2F%2F%5Cevil.example",
  "%2F%09%2F127.0.0.1%3A" + new URL(ATTACKER_ORIGIN).port,
  "%2F%00%2Fevil.example",
  "%2F%2Fevil%E3%80%82example",
  "%2F.evil.example",
  "http%3A%2F%2F127.0.0.1%3A3160%40evil.example%2F",
];

/** The sign-in form in Chromium takes a few seconds a try: the probe's own finding and its near relatives. */
const BROWSER_PAYLOADS = REDIRECT_PAYLOADS.filter((p) => /%09|%0A|%2F%2F|%5C|https|%20|javascript|3161/i.test(p)).slice(0, 12);

const offsite = (url: URL, origin: string) => url.origin !== origin && !url.href.startsWith(origin + "/");

/** Follows a Location chain; returns the first off-site hop, or null. */
async function followChain(client: Client, path: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ offsite: string | null; status: number }> {
  let url = new URL(path, client.base);
  let method = init.method ?? "GET";
  let body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  let last = 0;
  for (let hop = 0; hop < 8; hop++) {
    const headers: Record<string, string> = { origin: client.base, "sec-fetch-site": "same-origin", cookie: client.cookieHeader() };
    if (body) headers["content-type"] = "application/x-www-form-urlencoded";
    if (init.form?.json) headers.accept = "application/json";
    const res = await fetch(url, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    last = res.status;
    let next: string | null = res.headers.get("location");
    if (!next && res.status < 300) {
      try {
        next = (JSON.parse(text) as { url?: string }).url ?? null; // next-auth's json: true answers
      } catch {
        next = null;
      }
    }
    if (!next) break;
    let to: URL;
    try {
      to = new URL(next, url);
    } catch {
      break;
    }
    if (offsite(to, client.base)) return { offsite: to.href, status: res.status };
    if (res.status < 300 || res.status >= 400) break;
    url = to;
    method = "GET";
    body = undefined;
  }
  return { offsite: null, status: last };
}

export async function runRedirects(fx: Fixtures, log: (s: string) => void): Promise<RedirectResult> {
  const result: RedirectResult = { attempts: 0, offsite: [], errors: [] };
  const note = (what: string, r: { offsite: string | null; status: number }) => {
    result.attempts++;
    if (r.offsite) result.offsite.push(`${what} → ${r.offsite}`);
    if (r.status >= 500) result.errors.push(`${what} → ${r.status}`);
  };
  const editor = fx.as.editor;
  const anonymous = new Client(fx.base, "anonymous");
  for (const p of REDIRECT_PAYLOADS) {
    try {
      // The login page redirects a signed-in visitor to callbackUrl at once.
      note(`GET /login?callbackUrl=${p} (signed in)`, await followChain(editor, `/login?callbackUrl=${p}`));
      // next-auth's sign-in page redirect and its redirect callback.
      note(`GET /api/auth/signin?callbackUrl=${p}`, await followChain(anonymous, `/api/auth/signin?callbackUrl=${p}`));
      const csrf = (await anonymous.send("GET", "/api/auth/csrf")).json as { csrfToken: string };
      note(`POST /api/auth/signout callbackUrl=${p}`, await followChain(anonymous, "/api/auth/signout", { method: "POST", form: { csrfToken: csrf.csrfToken, callbackUrl: decodeURIComponent(p), json: "true" } }));
      note(`POST /api/auth/signin/credentials callbackUrl=${p}`, await followChain(anonymous, "/api/auth/signin/credentials", { method: "POST", form: { csrfToken: csrf.csrfToken, callbackUrl: decodeURIComponent(p), json: "true" } }));
    } catch (e) {
      result.errors.push(`${p}: ${(e as Error).message}`);
    }
  }

  // The real flow: sign in through the form of /login?callbackUrl=… in Chromium, as a throwaway
  // account (a successful sign-in never counts against the throttle, and the demo users stay untouched).
  const created = await fx.as.admin.send("POST", "/api/admin/users", {
    json: { name: "Redirect probe", email: `redirect-${Date.now()}@example.org`, role: "REVIEWER", method: "password", password: "redirect-probe-password-7" },
  });
  const email = (created.json as { user?: { email: string } } | null)?.user?.email;
  if (!email) {
    result.errors.push(`could not create the redirect probe's account: ${created.status} ${created.text.slice(0, 120)}`);
    return result;
  }
  const browser = await launchChromium();
  try {
    for (const p of BROWSER_PAYLOADS) {
      const context = await browser.newContext({ baseURL: fx.base });
      const navigations: string[] = [];
      // Nothing leaves the machine: any off-site request is recorded and refused.
      await context.route(/.*/, (route) => {
        const u = new URL(route.request().url());
        if (u.origin !== fx.base) {
          if (route.request().isNavigationRequest()) navigations.push(u.href);
          return route.abort();
        }
        return route.continue();
      });
      const page = await context.newPage();
      page.on("framenavigated", (f) => {
        if (f === page.mainFrame() && offsite(new URL(f.url()), fx.base) && !f.url().startsWith("about:") && !f.url().startsWith("chrome-error:")) navigations.push(f.url());
      });
      try {
        const res = await page.goto(`/login?callbackUrl=${p}`);
        result.attempts++;
        if (res && res.status() >= 500) {
          result.errors.push(`Chromium /login?callbackUrl=${p} → ${res.status()}`);
          continue;
        }
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password").fill("redirect-probe-password-7");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL((u) => u.pathname !== "/login" || offsite(u, fx.base), { timeout: 15_000 }).catch(() => undefined);
        await page.waitForTimeout(300);
        const final = page.url();
        if (navigations.length) result.offsite.push(`Chromium sign-in at /login?callbackUrl=${p} → ${navigations[0]}`);
        else if (/^https?:/.test(final) && offsite(new URL(final), fx.base)) result.offsite.push(`Chromium sign-in at /login?callbackUrl=${p} → ${final}`);
      } catch (e) {
        result.errors.push(`Chromium /login?callbackUrl=${p}: ${(e as Error).message.split("\n")[0]}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  log(`redirects: ${result.attempts} attempts, ${result.offsite.length} off-site`);
  return result;
}
