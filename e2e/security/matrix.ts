// The role × route × ownership matrix. Its keys must be exactly the routes walkRouteTree finds:
// a route added without an entry here fails the suite, and so does an entry for a route that is gone.
// Expectations follow the app's intended rules (lib/auth/roles.ts, lib/*/authorize.ts,
// lib/workflow/state-machine.ts, lib/claims/claims.int.test.ts), not whatever the code does today.
import { ROLE_NAMES, type Reply, type RoleName } from "./client";
import { SEED_SLUG, type Fixtures } from "./fixtures";
import type { RouteKey } from "./route-tree";

/** "ok": 2xx; "reached": past authorization (2xx or a 4xx about the input); "public": anything but a refusal or 5xx. */
export type Expect = "ok" | "reached" | "public" | 401 | 403 | 404 | 409 | "login";
export type Req = { method: string; path: string; json?: unknown; headers?: Record<string, string> };
export type Case = {
  name: string;
  expect: Record<RoleName, Expect>;
  build: (fx: Fixtures, role: RoleName) => Promise<Req>;
  /** Public reads: the body must not contain the secret of a draft. */
  leakCheck?: boolean | RoleName[];
};

type Who = RoleName[];
const SIGNED_IN: Who = ["reader", "reviewer", "reviewer2", "editor", "admin"];
const REVIEW: Who = ["reviewer", "reviewer2", "editor", "admin"];
const EDIT: Who = ["editor", "admin"];
const ADMIN: Who = ["admin"];
const EVERYONE: Who = [...ROLE_NAMES];

function api(allowed: Who, ok: Expect = "ok"): Record<RoleName, Expect> {
  return Object.fromEntries(ROLE_NAMES.map((r) => [r, allowed.includes(r) ? ok : r === "anonymous" ? 401 : 403])) as Record<RoleName, Expect>;
}
function page(allowed: Who, ok: Expect = "ok"): Record<RoleName, Expect> {
  return Object.fromEntries(ROLE_NAMES.map((r) => [r, allowed.includes(r) ? ok : r === "anonymous" ? "login" : 403])) as Record<RoleName, Expect>;
}
/** Setup answers 404 to everyone once an admin exists (the demo admin does here). */
const NOBODY_SETUP = Object.fromEntries(ROLE_NAMES.map((r) => [r, 404])) as Record<RoleName, Expect>;
const with_ = (base: Record<RoleName, Expect>, over: Partial<Record<RoleName, Expect>>) => ({ ...base, ...over });

const seed = encodeURIComponent(SEED_SLUG);
const get = (path: string): Req => ({ method: "GET", path });
const fields = (explanation = "Checked by the security suite.") => ({ verdict: "FALSE", explanation, tags: ["suite"], sources: [{ url: "https://example.org/report", title: "Report", stance: "REFUTES" }] });
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });


/** A W3C annotation on the seed article's words at [start, end) of `text`, for the protocol routes. */
function annotationOn(base: string, text: string, exact: string) {
  const start = text.indexOf(exact);
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "assessing",
    body: [
      { type: "TextualBody", purpose: "assessing", value: "Checked by the security suite." },
      { type: "TextualBody", purpose: "classifying", value: "Misleading" },
    ],
    target: {
      source: `${base}/articles/${SEED_SLUG}`,
      selector: [{ type: "TextQuoteSelector", exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + exact.length, start + exact.length + 32) }],
    },
  };
}
const annotations = (rest = "") => `/articles/${seed}/annotations/${rest}`;
const TOKEN_OWNER_OR_ADMIN = with_(api(["reviewer", "admin"]), { reader: 404, reviewer2: 404, editor: 404 });

export const MATRIX: Record<RouteKey, Case[]> = {
  // Accounts (issue 8)
  "POST /api/account/invitation": [
    {
      name: "accept a fresh invitation (the token is the credential)",
      expect: api(EVERYONE),
      build: async (fx) => {
        const { token } = await fx.newUser("READER", "invitation");
        return { method: "POST", path: "/api/account/invitation", json: { token, newPassword: "matrix-invited-password-1", confirmNewPassword: "matrix-invited-password-1" } };
      },
    },
  ],
  "POST /api/account/password": [
    {
      // The right current password and the same new one: past authorization, refused as input, and no session is revoked.
      name: "change own password",
      expect: api(SIGNED_IN, "reached"),
      build: async () => ({ method: "POST", path: "/api/account/password", json: { currentPassword: "factmark-demo", newPassword: "factmark-demo", confirmNewPassword: "factmark-demo" } }),
    },
  ],
  "POST /api/account/profile": [
    { name: "rename self", expect: api(SIGNED_IN), build: async (fx, role) => ({ method: "POST", path: "/api/account/profile", json: { name: fx.as[role].name || "Someone" } }) },
  ],
  "POST /api/admin/users": [
    {
      name: "create a user",
      expect: api(ADMIN),
      build: async () => ({ method: "POST", path: "/api/admin/users", json: { name: "Matrix user", email: `matrix-${Math.random().toString(36).slice(2)}@example.org`, role: "REVIEWER", method: "invitation" } }),
    },
  ],
  "POST /api/admin/users/[id]/deactivate": [
    { name: "deactivate a user", expect: api(ADMIN), build: async (fx) => ({ method: "POST", path: `/api/admin/users/${(await fx.newUser()).id}/deactivate`, json: {} }) },
  ],
  "POST /api/admin/users/[id]/reactivate": [
    {
      name: "reactivate a deactivated user",
      expect: api(ADMIN),
      build: async (fx) => {
        const { id } = await fx.newUser();
        await fx.as.admin.send("POST", `/api/admin/users/${id}/deactivate`, { json: {} });
        return { method: "POST", path: `/api/admin/users/${id}/reactivate`, json: {} };
      },
    },
  ],
  "POST /api/admin/users/[id]/invitation": [
    { name: "new invitation link", expect: api(ADMIN), build: async (fx) => ({ method: "POST", path: `/api/admin/users/${(await fx.newUser()).id}/invitation`, json: {} }) },
  ],
  "POST /api/admin/users/[id]/role": [
    { name: "change a role", expect: api(ADMIN), build: async (fx) => ({ method: "POST", path: `/api/admin/users/${(await fx.newUser()).id}/role`, json: { role: "EDITOR" } }) },
  ],
  // Embed (issue 14)
  "POST /api/admin/embed": [{ name: "set allowed embed origins", expect: api(ADMIN), build: async () => ({ method: "POST", path: "/api/admin/embed", json: { allowedOrigins: ["https://matrix.example.org"] } }) }],
  "GET /api/embed/checks": [{ name: "published checks for the embed", expect: api(EVERYONE), leakCheck: true, build: async () => get(`/api/embed/checks?article=${seed}`) }],
  "GET /embed.js": [{ name: "embed script", expect: api(EVERYONE), build: async () => get("/embed.js") }],
  "POST /api/admin/users/[id]/name": [
    { name: "rename a user", expect: api(ADMIN), build: async (fx) => ({ method: "POST", path: `/api/admin/users/${(await fx.newUser()).id}/name`, json: { name: "Renamed by the matrix" } }) },
  ],
  // Reviewer help (issue 16)
  "GET /api/articles/[slug]/checked-before": [
    { name: "claims checked before", expect: api(REVIEW), build: async () => get(`/api/articles/${seed}/checked-before?text=${encodeURIComponent("at least 116 civilians were executed")}`) },
  ],
  "POST /api/articles/[slug]/suggestions/dismissals": [
    {
      name: "dismiss a suggestion",
      expect: api(REVIEW),
      build: async (fx) => {
        const { articleVersionId } = await fx.latest(SEED_SLUG);
        return { method: "POST", path: `/api/articles/${seed}/suggestions/dismissals`, json: { articleVersionId, suggestionKey: "0-10" } };
      },
    },
  ],
  // Core flows (issue 20)
  "PUT /api/articles/[slug]/details": [
    {
      name: "edit an article's byline",
      expect: api(EDIT),
      build: async (fx) => {
        const title = `Details matrix ${Math.random().toString(36).slice(2, 8)}`;
        const slug = await fx.importArticle(title, "A short article whose details the matrix edits.");
        return { method: "PUT", path: `/api/articles/${encodeURIComponent(slug)}/details`, json: { title, byline: "Matrix Byline", sourceUrl: "https://example.org/story", publishedAt: "2024-02-28" } };
      },
    },
  ],
  // Web Annotation API and personal tokens (issue 19)
  "GET /api/tokens": [{ name: "own tokens", expect: api(SIGNED_IN), build: async () => get("/api/tokens") }],

  // Live collaboration (issue 15). once=1 answers with the replay and closes, so the suite can read it.
  "GET /api/events": [
    { name: "own event stream (replay only)", expect: api(SIGNED_IN), build: async () => get("/api/events?once=1&lastEventId=0") },
    { name: "presence on an article", expect: api(REVIEW), build: async () => get(`/api/events?once=1&article=${seed}`) },
  ],
  "GET /api/health": [{ name: "health for load balancers", expect: api(EVERYONE), build: async () => get("/api/health") }],
  "POST /api/tokens": [{ name: "create a token", expect: api(SIGNED_IN), build: async () => ({ method: "POST", path: "/api/tokens", json: { name: "Matrix token" } }) }],
  "DELETE /api/tokens/[id]": [
    {
      name: "revoke reviewer's token (owner: reviewer)",
      expect: TOKEN_OWNER_OR_ADMIN,
      build: async (fx) => {
        const made = await fx.as.reviewer.send("POST", "/api/tokens", { json: { name: "Matrix victim token" } });
        const id = (made.json as { summary?: { id: string } } | null)?.summary?.id;
        if (!id) throw new Error(`setup: token not created (${made.status})`);
        return { method: "DELETE", path: `/api/tokens/${id}`, json: {} };
      },
    },
  ],
  // Reviewers see the workspace's view (drafts included) by design; the public must not.
  "GET /articles/[slug]/annotations": [{ name: "container", expect: api(EVERYONE), leakCheck: ["anonymous", "reader"], build: async () => get(annotations()) }],
  "HEAD /articles/[slug]/annotations": [{ name: "container head", expect: api(EVERYONE), build: async () => ({ method: "HEAD", path: annotations() }) }],
  "OPTIONS /articles/[slug]/annotations": [{ name: "container options", expect: api(EVERYONE), build: async () => ({ method: "OPTIONS", path: annotations() }) }],
  "POST /articles/[slug]/annotations": [
    {
      name: "create an annotation (a draft claim)",
      expect: api(REVIEW, "reached"),
      build: async (fx, role) => {
        const { plainText } = await fx.latest(SEED_SLUG);
        return { method: "POST", path: annotations(), json: annotationOn(fx.as[role].base, plainText, "extensive network of contacts") };
      },
    },
  ],
  "GET /articles/[slug]/annotations/[id]": [
    { name: "a published annotation", expect: api(EVERYONE), build: async (fx) => get(annotations((await fx.newClaim("APPROVED")).id)) },
    { name: "a draft is not public", expect: with_(api(REVIEW), { anonymous: 404, reader: 404 }), build: async (fx) => get(annotations((await fx.newClaim("DRAFT")).id)) },
  ],
  "HEAD /articles/[slug]/annotations/[id]": [{ name: "a published annotation's head", expect: api(EVERYONE), build: async (fx) => ({ method: "HEAD", path: annotations((await fx.newClaim("APPROVED")).id) }) }],
  "OPTIONS /articles/[slug]/annotations/[id]": [{ name: "an annotation's options", expect: api(EVERYONE), build: async (fx) => ({ method: "OPTIONS", path: annotations((await fx.newClaim("APPROVED")).id) }) }],
  "PUT /articles/[slug]/annotations/[id]": [
    {
      name: "replace reviewer's draft (owner: reviewer)",
      expect: with_(api(["reviewer", "editor", "admin"], "reached"), { reader: 403, reviewer2: 403 }),
      build: async (fx, role) => {
        const c = await fx.newClaim("DRAFT");
        const current = await fx.as.reviewer.send("GET", annotations(c.id));
        const body = { ...(current.json as Record<string, unknown>), body: [{ type: "TextualBody", purpose: "assessing", value: `Replaced as ${role}.` }] };
        return { method: "PUT", path: annotations(c.id), json: body, headers: { "if-match": "*" } };
      },
    },
  ],
  "DELETE /articles/[slug]/annotations/[id]": [
    {
      name: "delete reviewer's draft (owner: reviewer)",
      expect: with_(api(["reviewer", "editor", "admin"]), { reader: 403, reviewer2: 403 }),
      build: async (fx) => ({ method: "DELETE", path: annotations((await fx.newClaim("DRAFT")).id), headers: { "if-match": "*" } }),
    },
  ],
  "GET /articles/[slug]/annotations/export": [{ name: "export the collection", expect: api(REVIEW), build: async () => get(annotations("export")) }],
  "POST /articles/[slug]/annotations/import": [
    {
      name: "preview an import",
      expect: api(REVIEW, "reached"),
      build: async (fx, role) => {
        const { plainText } = await fx.latest(SEED_SLUG);
        return { method: "POST", path: annotations("import"), json: { document: annotationOn(fx.as[role].base, plainText, "extensive network of contacts"), confirm: false } };
      },
    },
  ],
  // First run (issue 20): an admin exists here, so setup is closed to everyone, whatever the code.
  "POST /api/setup": [
    {
      name: "create the first admin once one exists",
      expect: NOBODY_SETUP,
      build: async () => ({ method: "POST", path: "/api/setup", json: { code: "AAAAA-BBBBB-CCCCC-DDDDD", name: "Mallory", email: `mallory-${Math.random().toString(36).slice(2)}@example.org`, password: "a long enough passphrase" } }),
    },
  ],

  // Articles (issue 7)
  "PUT /api/articles/[slug]/assignments": [
    { name: "assign reviewers", expect: api(EDIT), build: async (fx) => ({ method: "PUT", path: `/api/articles/${seed}/assignments`, json: { reviewerIds: [fx.as.reviewer.userId, fx.as.reviewer2.userId] } }) },
  ],
  "GET /api/articles/[slug]/claims": [{ name: "workspace", expect: api(REVIEW), build: async () => get(`/api/articles/${seed}/claims`) }],
  "POST /api/articles/[slug]/claims": [
    { name: "create a claim", expect: api(REVIEW), build: async (fx) => ({ method: "POST", path: `/api/articles/${seed}/claims`, json: { ...(await fx.span(SEED_SLUG)), fields: fields() } }) },
  ],
  "GET /api/articles/[slug]/corrections": [{ name: "corrections", expect: api(EVERYONE), leakCheck: true, build: async () => get(`/api/articles/${seed}/corrections`) }],
  "GET /api/articles/[slug]/published": [{ name: "published checks", expect: api(EVERYONE), leakCheck: true, build: async () => get(`/api/articles/${seed}/published`) }],
  "POST /api/articles/[slug]/versions/[number]/restore": [
    {
      name: "restore version 1",
      expect: api(EDIT),
      build: async (fx) => {
        const { articleVersionId } = await fx.latest(fx.scratchSlug);
        return { method: "POST", path: `/api/articles/${encodeURIComponent(fx.scratchSlug)}/versions/1/restore`, json: { baseVersionId: articleVersionId, correctionNote: "Restored by the suite." } };
      },
    },
  ],
  "GET /api/articles/[slug]/versions": [{ name: "list versions", expect: api(EDIT), build: async () => get(`/api/articles/${seed}/versions`) }],
  "POST /api/articles/[slug]/versions": [
    {
      name: "save a version",
      expect: api(EDIT),
      build: async (fx) => {
        const { articleVersionId, plainText } = await fx.latest(fx.scratchSlug);
        return { method: "POST", path: `/api/articles/${encodeURIComponent(fx.scratchSlug)}/versions`, json: { baseVersionId: articleVersionId, doc: doc(`${plainText.split("\n")[0]} Edited.`), correctionNote: null } };
      },
    },
  ],
  "GET /api/articles/[slug]/versions/stale-claims": [{ name: "list stale claims", expect: api(EDIT), build: async (fx) => get(`/api/articles/${encodeURIComponent(fx.scratchSlug)}/versions/stale-claims`) }],
  "POST /api/articles/[slug]/versions/stale-claims/[id]": [
    {
      name: "send a stale claim back",
      expect: api(EDIT),
      build: async (fx) => {
        const claim = await fx.staleClaim();
        return { method: "POST", path: `/api/articles/${encodeURIComponent(claim.slug)}/versions/stale-claims/${claim.id}`, json: { action: "send-back", reason: "The words changed.", version: claim.version } };
      },
    },
    {
      // Issue 12, finding 6: a retracted check went back to review through this route and was published again.
      name: "send a retracted stale claim back (closed: only the state machine reopens, and it does not)",
      expect: with_(api([]), { editor: 409, admin: 409 }),
      build: async (fx) => {
        const claim = await fx.staleClaim("RETRACTED");
        return { method: "POST", path: `/api/articles/${encodeURIComponent(claim.slug)}/versions/stale-claims/${claim.id}`, json: { action: "send-back", reason: "The words changed.", version: claim.version } };
      },
    },
  ],
  "POST /api/articles/import/preview": [
    { name: "preview an import", expect: api(EDIT), build: async () => ({ method: "POST", path: "/api/articles/import/preview", json: { format: "markdown", content: "# Title\n\nSome *text*." } }) },
  ],
  // Issue 18: the server fetches a page (the suite has no network, so a 422 "could not fetch" is reaching it).
  "POST /api/articles/import/fetch": [
    { name: "fetch an article from a URL", expect: api(EDIT, "reached"), build: async () => ({ method: "POST", path: "/api/articles/import/fetch", json: { url: "https://example.org/article" } }) },
  ],
  "POST /api/sources/fill": [
    { name: "fill a source from its page", expect: api(REVIEW, "reached"), build: async () => ({ method: "POST", path: "/api/sources/fill", json: { url: "https://example.org/report" } }) },
  ],
  "POST /api/account/email": [
    { name: "own email notifications", expect: api(SIGNED_IN), build: async () => ({ method: "POST", path: "/api/account/email", json: { kinds: ["APPROVED"] } }) },
  ],
  // Authorized by the signed link alone (no cookie): a bad signature is a 400 for everyone.
  "POST /api/email/unsubscribe": [
    { name: "one-click unsubscribe with a forged link", expect: Object.fromEntries(ROLE_NAMES.map((r) => [r, "reached"])) as Record<RoleName, Expect>, build: async (fx) => ({ method: "POST", path: `/api/email/unsubscribe?u=${fx.as.reader.userId}&k=APPROVED&t=forged` }) },
  ],
  "POST /api/articles/import": [
    { name: "import an article", expect: api(EDIT), build: async () => ({ method: "POST", path: "/api/articles/import", json: { format: "text", content: "One paragraph of text to import.", title: `Matrix import ${Math.random()}` } }) },
  ],

  // next-auth: public by design; its own CSRF token guards its POSTs.
  "GET /api/auth/[...nextauth]": [{ name: "providers", expect: api(EVERYONE), build: async () => get("/api/auth/providers") }],
  "POST /api/auth/[...nextauth]": [{ name: "empty credentials post", expect: api(EVERYONE, "public"), build: async () => ({ method: "POST", path: "/api/auth/callback/credentials", json: {} }) }],

  // Claims and the workflow (issues 4, 5)
  "POST /api/claims/[id]/comments": [
    { name: "comment on someone's claim", expect: api(REVIEW), build: async (fx) => ({ method: "POST", path: `/api/claims/${(await fx.newClaim("SUBMITTED")).id}/comments`, json: { body: "A comment from the matrix." } }) },
  ],
  "PATCH /api/claims/[id]": [
    {
      name: "edit reviewer's draft (owner: reviewer)",
      expect: api(["reviewer", "editor", "admin"]),
      build: async (fx) => {
        const c = await fx.newClaim("DRAFT");
        return { method: "PATCH", path: `/api/claims/${c.id}`, json: { version: c.version, fields: fields() } };
      },
    },
    {
      name: "edit reviewer's submitted claim (with the editors now)",
      expect: api(EDIT),
      build: async (fx) => {
        const c = await fx.newClaim("SUBMITTED");
        return { method: "PATCH", path: `/api/claims/${c.id}`, json: { version: c.version, fields: fields() } };
      },
    },
    {
      name: "edit a retracted claim (closed)",
      expect: with_(api([]), { editor: 409, admin: 409 }),
      build: async (fx) => {
        const c = await fx.newClaim("RETRACTED");
        return { method: "PATCH", path: `/api/claims/${c.id}`, json: { version: c.version, fields: fields() } };
      },
    },
  ],
  "DELETE /api/claims/[id]": [
    {
      name: "delete reviewer's draft (owner: reviewer)",
      expect: api(["reviewer", "editor", "admin"]),
      build: async (fx) => {
        const c = await fx.newClaim("DRAFT");
        return { method: "DELETE", path: `/api/claims/${c.id}`, json: { version: c.version } };
      },
    },
    {
      name: "delete a published claim (retract instead)",
      expect: with_(api([]), { editor: 409, admin: 409 }),
      build: async (fx) => {
        const c = await fx.newClaim("APPROVED");
        return { method: "DELETE", path: `/api/claims/${c.id}`, json: { version: c.version } };
      },
    },
  ],
  "POST /api/claims/[id]/transitions": [
    {
      name: "submit reviewer's draft (author only)",
      expect: api(["reviewer"]),
      build: async (fx) => {
        const c = await fx.newClaim("DRAFT");
        return { method: "POST", path: `/api/claims/${c.id}/transitions`, json: { action: "submit", version: c.version } };
      },
    },
    {
      name: "approve a submitted claim (editors, not the author)",
      expect: api(EDIT),
      build: async (fx) => {
        const c = await fx.newClaim("SUBMITTED");
        return { method: "POST", path: `/api/claims/${c.id}/transitions`, json: { action: "approve", version: c.version } };
      },
    },
    {
      name: "approve an editor's own claim (nobody approves their own)",
      expect: with_(api(["admin"]), { editor: 403 }),
      build: async (fx) => {
        const c = await fx.newClaim("SUBMITTED", { author: "editor" });
        return { method: "POST", path: `/api/claims/${c.id}/transitions`, json: { action: "approve", version: c.version } };
      },
    },
    {
      name: "send back a submitted claim",
      expect: api(EDIT),
      build: async (fx) => {
        const c = await fx.newClaim("SUBMITTED");
        return { method: "POST", path: `/api/claims/${c.id}/transitions`, json: { action: "requestChanges", version: c.version, reason: "Add a source." } };
      },
    },
    {
      name: "retract a published check",
      expect: api(EDIT),
      build: async (fx) => {
        const c = await fx.newClaim("APPROVED");
        return { method: "POST", path: `/api/claims/${c.id}/transitions`, json: { action: "retract", version: c.version, reason: "Withdrawn." } };
      },
    },
  ],
  "POST /api/notifications/read": [{ name: "mark own notifications read", expect: api(SIGNED_IN), build: async () => ({ method: "POST", path: "/api/notifications/read", json: {} }) }],
  "GET /claimreview.json": [{ name: "ClaimReview feed", expect: api(EVERYONE), leakCheck: true, build: async () => get("/claimreview.json") }],

  // Pages
  "PAGE /": [{ name: "home", expect: page(EVERYONE), leakCheck: true, build: async () => get("/") }],
  "PAGE /account": [{ name: "own account", expect: page(SIGNED_IN), build: async () => get("/account") }],
  "PAGE /admin": [{ name: "admin (redirects to users)", expect: page(ADMIN), build: async () => get("/admin") }],
  "PAGE /admin/embed": [{ name: "embed settings", expect: page(ADMIN), build: async () => get("/admin/embed") }],
  "PAGE /admin/users": [{ name: "user list", expect: page(ADMIN), build: async () => get("/admin/users") }],
  "PAGE /admin/users/[id]": [{ name: "a user's page", expect: page(ADMIN), build: async (fx) => get(`/admin/users/${fx.as.reader.userId}`) }],
  "PAGE /articles/[slug]": [{ name: "reader page", expect: page(EVERYONE), leakCheck: true, build: async () => get(`/articles/${seed}`) }],
  "PAGE /articles/[slug]/edit": [{ name: "edit article", expect: page(EDIT), build: async () => get(`/articles/${seed}/edit`) }],
  "PAGE /articles/[slug]/review": [{ name: "review workspace", expect: page(REVIEW), build: async () => get(`/articles/${seed}/review`) }],
  "PAGE /articles/[slug]/versions": [{ name: "versions", expect: page(EDIT), build: async () => get(`/articles/${seed}/versions`) }],
  // An archived copy no published check cites is hidden from readers; this one does not exist for anyone.
  "PAGE /archive/[id]": [{ name: "archived copy (unknown)", expect: Object.fromEntries(ROLE_NAMES.map((r) => [r, 404])) as Record<RoleName, Expect>, build: async () => get("/archive/cknotarchived000000000000") }],
  "PAGE /unsubscribe": [{ name: "unsubscribe page (changes nothing by itself)", expect: Object.fromEntries(ROLE_NAMES.map((r) => [r, "ok"])) as Record<RoleName, Expect>, build: async () => get("/unsubscribe?u=x&k=APPROVED&t=y") }],
  "PAGE /articles/new": [{ name: "import page", expect: page(EDIT), build: async () => get("/articles/new") }],
  "PAGE /invite/[token]": [{ name: "invitation page", expect: page(EVERYONE, "public"), build: async (fx) => get(`/invite/${(await fx.newUser()).token}`) }],
  "PAGE /login": [{ name: "sign-in page", expect: page(EVERYONE), build: async () => get("/login") }],
  "PAGE /notifications": [{ name: "own notifications", expect: page(SIGNED_IN), build: async () => get("/notifications") }],
  "PAGE /review/claims/[id]": [{ name: "claim page", expect: page(REVIEW), build: async (fx) => get(`/review/claims/${(await fx.newClaim("DRAFT")).id}`) }],
  "PAGE /verdicts": [{ name: "verdicts and the API's constraints", expect: page(EVERYONE), build: async () => get("/verdicts") }],
  "PAGE /verdicts/[verdict]": [{ name: "one verdict's meaning", expect: page(EVERYONE), build: async () => get("/verdicts/FALSE") }],
  "PAGE /setup": [{ name: "first-run setup (closed: an admin exists)", expect: NOBODY_SETUP, build: async () => get("/setup") }],
  "PAGE /dashboard": [{ name: "dashboard (issue 17)", expect: page(EDIT), build: async () => get("/dashboard?reviewer=nobody&from=2026-01-01") }],
  "GET /api/dashboard/[chart]": [
    { name: "dashboard CSV (issue 17)", expect: api(EDIT), build: async () => get("/api/dashboard/reviewers?from=2026-01-01") },
    { name: "dashboard CSV of an unknown chart", expect: with_(api(EDIT), { editor: 404, admin: 404 }), build: async () => get("/api/dashboard/nothing") },
  ],
  "PAGE /review/queue": [{ name: "editor queue", expect: page(EDIT), build: async () => get("/review/queue") }],
};

export type Outcome = "ok" | "login" | number;
const DENIALS: Expect[] = [401, 403, 404, 409, "login"];

export function matches(expected: Expect, actual: Outcome): boolean {
  if (expected === "ok" || expected === "login") return actual === expected;
  if (expected === "reached") return actual === "ok" || (typeof actual === "number" && actual >= 400 && actual < 500 && ![401, 403, 404].includes(actual));
  if (expected === "public") return actual === "ok" || (typeof actual === "number" && actual < 500 && ![401, 403].includes(actual));
  return actual === expected;
}

export const isDenial = (e: Expect) => DENIALS.includes(e);

/** A page's outcome after following same-origin redirects; landing on /login means "sign in first". */
export function outcomeOf(reply: Reply, origin: string): Outcome {
  if (reply.status >= 200 && reply.status < 300) return "ok";
  if (reply.status >= 300 && reply.status < 400 && reply.location) {
    const to = new URL(reply.location, origin);
    if (to.origin === origin && to.pathname === "/login") return "login";
  }
  return reply.status;
}
