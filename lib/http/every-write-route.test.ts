// Every write handler under app/api, found from the route tree (a new route is covered without an
// entry here), refuses what a page on another origin can make a signed-in browser send. The session
// is faked as an admin so that each handler gets as far as reading its body; a refused request must
// never reach a service.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const admin = { id: "u-admin", name: "Ada", email: "admin@example.org", role: "ADMIN" as const };
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => admin,
  requireUser: async () => admin,
  requireRole: async () => admin,
  requirePageRole: async () => admin,
  requireUserChangingPassword: async () => admin,
  getPageSessionUser: async () => admin,
  getApiUser: async () => null,
  getApiUserOrSession: async () => ({ user: admin, viaToken: false }),
  PASSWORD_CHANGE_PATH: "/account",
}));

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
const PARAMS = { slug: "an-article", id: "c1", number: "1", token: "t", nextauth: ["callback", "credentials"] };
const APP = "http://127.0.0.1:3000";

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

type Handler = (req: Request, ctx: { params: Promise<typeof PARAMS> }) => Promise<Response>;
const handlers: { name: string; method: string; handler: Handler }[] = [];

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_URL", APP);
  vi.stubEnv("NEXTAUTH_SECRET", "test-secret-test-secret-test-secret");
  for (const file of routeFiles(API_DIR)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of WRITE_METHODS) {
      if (typeof mod[method] === "function") handlers.push({ name: `${method} ${path.relative(API_DIR, path.dirname(file))}`, method, handler: mod[method] as Handler });
    }
  }
}, 60_000);

afterEach(() => vi.restoreAllMocks());

const forged: [string, Record<string, string>, string][] = [
  ["a text/plain form from another port", { origin: "http://127.0.0.1:4000", "content-type": "text/plain" }, '{"action":"approve","version":2,"x":"=1"}'],
  ["a form-encoded post from another port", { origin: "http://127.0.0.1:4000", "content-type": "application/x-www-form-urlencoded" }, "action=approve&version=2"],
  ["a no-cors text/plain fetch from a sibling subdomain", { origin: "http://evil.127.0.0.1.nip.io:3000", "sec-fetch-site": "same-site", "content-type": "text/plain" }, "{}"],
  ["JSON from another site", { origin: "https://evil.example", "content-type": "application/json" }, "{}"],
  ["JSON with no Origin and no Sec-Fetch-Site", { "content-type": "application/json" }, "{}"],
  ["text/plain;application/json from the app's own origin", { origin: APP, "content-type": "text/plain;application/json" }, "{}"],
  ["a form post from the app's own origin", { origin: APP, "content-type": "application/x-www-form-urlencoded" }, "email=a%40example.org&password=x"],
];

describe("every write route under app/api", () => {
  it("finds the write routes", () => {
    expect(handlers.length).toBeGreaterThanOrEqual(20);
  });

  it.each(forged)("refuses %s on every write route", async (_name, headers, body) => {
    const accepted: string[] = [];
    for (const { name, method, handler } of handlers) {
      // next-auth's sign-in and sign-out take a form from the app's own page (and answer any other
      // media type with a 400); the cross-origin cases apply to them too.
      if (name.includes("[...nextauth]") && headers.origin === APP) continue;
      // RFC 8058 one-click unsubscribe is POSTed by mail providers' servers, from no origin and as a
      // form: it reads no cookie, and only the HMAC in its address authorizes it (issue 18;
      // lib/email/email.int.test.ts refuses forged and swapped tokens).
      if (name === "POST email/unsubscribe") continue;
      const req = new Request(`${APP}/api/x`, { method, headers: { host: "127.0.0.1:3000", ...headers }, body });
      const res = await handler(req, { params: Promise.resolve(PARAMS) });
      if (![403, 415].includes(res.status)) accepted.push(`${name}: ${res.status}`);
    }
    expect(accepted).toEqual([]);
  });
});
