// ≥ 10,000 fuzzed requests from a seeded generator over every route (issue 12): same-origin JSON
// headers, so each reaches its handler. Any 5xx, or no answer within the per-request limit, is a
// finding, listed with a reproducer.
import { Client, type RoleName } from "./client";
import { SEED_SLUG, type Fixtures } from "./fixtures";
import { gen, hostileDocument, hostileImport, HOSTILE_QUERY_VALUES, HOSTILE_SEGMENTS, mutateBody, pickRole, type Gen } from "./fuzz-gen";
import type { RouteKey } from "./route-tree";

export type FuzzResult = { sent: number; serverErrors: string[]; timeouts: string[]; stalls: string[]; statuses: Record<string, number>; failuresByRoute: Record<RouteKey, number>; failuresByTrigger: Record<string, number> };

/** A reader's request sent while an expensive one runs must not wait for it (issue 12, finding 4). */
const BYSTANDER_LIMIT_MS = 2_000;

const PER_REQUEST_TIMEOUT_MS = Number(process.env.SECURITY_FUZZ_TIMEOUT_MS ?? 15_000);
const WORKERS = 4;

type Ids = { slug: string[]; id: string[]; number: string[]; token: string[]; userId: string[] };

/** A valid body for each write route, with real ids; the fuzzer mutates these. */
function templates(ids: { articleVersionId: string; claimId: string; version: number; token: string; reviewers: string[] }): Record<RouteKey, unknown> {
  const fields = { verdict: "FALSE", explanation: "Fuzzed.", tags: ["fuzz"], sources: [{ url: "https://example.org/a", title: "A source", publisher: "Pub", publishedAt: "2020-01-02", accessedAt: "2024-05-06", excerpt: "Quote", stance: "REFUTES" }] };
  const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Fuzzed text with ", marks: [{ type: "bold" }] }, { type: "hardBreak" }, { type: "text", text: "a link", marks: [{ type: "link", attrs: { href: "https://example.org" } }] }] }] };
  return {
    "POST /api/account/invitation": { token: ids.token, newPassword: "fuzzed-password-123", confirmNewPassword: "fuzzed-password-123" },
    "POST /api/account/password": { currentPassword: "not-the-password", newPassword: "fuzzed-password-123", confirmNewPassword: "fuzzed-password-123" },
    "POST /api/account/profile": { name: "Fuzzed Name" },
    "POST /api/admin/users": { name: "Fuzz User", email: "fuzz@example.org", role: "REVIEWER", method: "password", password: "" },
    "POST /api/admin/users/[id]/deactivate": {},
    "POST /api/admin/users/[id]/reactivate": {},
    "POST /api/admin/users/[id]/invitation": {},
    "POST /api/admin/users/[id]/role": { role: "EDITOR" },
    "PUT /api/articles/[slug]/assignments": { reviewerIds: ids.reviewers },
    "POST /api/articles/[slug]/claims": { articleVersionId: ids.articleVersionId, start: 0, end: 10, fields },
    "POST /api/articles/[slug]/versions/[number]/restore": { baseVersionId: ids.articleVersionId, correctionNote: "Fuzz restore" },
    "POST /api/articles/[slug]/versions": { baseVersionId: ids.articleVersionId, doc, correctionNote: "Fuzz" },
    "POST /api/articles/[slug]/versions/stale-claims/[id]": { action: "send-back", reason: "Fuzz", version: ids.version },
    "POST /api/articles/import/preview": { format: "markdown", content: "# Title\n\nText" },
    "POST /api/articles/import": { format: "html", content: "<p>Fuzzed article</p>", title: "Fuzz", byline: "By Fuzz", sourceUrl: "https://example.org/x", publishedAt: "2024-02-10" },
    "POST /api/claims/[id]/comments": { body: "Fuzz comment" },
    "PATCH /api/claims/[id]": { version: ids.version, fields },
    "DELETE /api/claims/[id]": { version: ids.version },
    "POST /api/claims/[id]/transitions": { action: "submit", version: ids.version, reason: "Fuzz" },
    "POST /api/notifications/read": {},
    "POST /api/auth/[...nextauth]": { email: "nobody@example.org", password: "wrong", csrfToken: "x" },
  };
}

const QUERY_KEYS: Record<string, string[]> = {
  "/": ["q"],
  "/login": ["callbackUrl", "error"],
  "/admin/users": ["q", "role"],
  "/review/queue": ["article", "reviewer", "verdict", "state"],
  "/articles/[slug]/versions": ["from", "to"],
  "/claimreview.json": ["page"],
};

type Planned = { key: RouteKey; index: number; role: RoleName; method: string; path: string; body?: string | Uint8Array; contentType?: string; note: string };

function fillPath(g: Gen, pattern: string, ids: Ids): { path: string; note: string } {
  const notes: string[] = [];
  const path = pattern.replace(/\[(\.\.\.)?(\w+)\]/g, (_m, rest: string | undefined, name: string) => {
    if (rest) return g.pick(["session", "csrf", "providers", "callback/credentials", "signin", "error", "%00", "callback/%2F"]);
    if (g.chance(0.3)) {
      const seg = g.pick(HOSTILE_SEGMENTS);
      notes.push(`[${name}]=${seg.slice(0, 40)}`);
      return seg;
    }
    // Admin routes get only throwaway accounts' ids: the fuzzer must not deactivate the people it signs in as.
    const pool = name === "id" && pattern.includes("/admin/users/") ? ids.userId : ((ids as Record<string, string[]>)[name] ?? ids.id);
    return encodeURIComponent(g.pick(pool));
  });
  return { path, note: notes.join(" ") };
}

function plan(seed: number, index: number, keys: RouteKey[], bodies: Record<RouteKey, unknown>, ids: Ids): Planned {
  const g = gen(seed, index);
  const key = g.pick(keys);
  const [kind, pattern] = key.split(" ");
  const filled = fillPath(g, pattern, ids);
  let path = filled.path;
  const notes = filled.note ? [filled.note] : [];
  const role = pickRole(g);
  if (kind === "PAGE" || kind === "GET") {
    const qkeys = QUERY_KEYS[pattern] ?? ["q"];
    if (g.chance(0.7)) {
      const parts = Array.from({ length: 1 + g.int(3) }, () => `${g.pick(qkeys)}=${g.pick(HOSTILE_QUERY_VALUES)}`);
      path += `?${parts.join("&")}`;
      notes.push("hostile query");
    }
    return { key, index, role, method: g.chance(0.03) ? g.pick(["POST", "DELETE", "PUT"]) : "GET", path, note: notes.join("; ") };
  }
  let template = bodies[key] ?? {};
  if ((pattern.startsWith("/api/articles/import") || pattern.endsWith("/versions")) && g.chance(0.06)) {
    template = pattern.endsWith("/versions") ? { ...(template as object), doc: hostileDocument(g) } : { ...(template as object), ...hostileImport(g) };
    notes.push("expensive content");
  }
  const m = mutateBody(g, template);
  notes.push(m.note);
  const method = g.chance(0.03) ? g.pick(["GET", "PUT", "PATCH", "DELETE", "POST"]) : kind;
  // next-auth is probed anonymously and never at signout: the fuzzer keeps the sessions it needs.
  return { key, index, role: pattern.startsWith("/api/auth/") ? "anonymous" : role, method, path, body: m.body, contentType: m.contentType, note: notes.join("; ") };
}

export async function runFuzz(fx: Fixtures, tree: RouteKey[], seed: number, count: number, log: (s: string) => void): Promise<FuzzResult> {
  const result: FuzzResult = { sent: 0, serverErrors: [], timeouts: [], stalls: [], statuses: {}, failuresByRoute: {}, failuresByTrigger: {} };
  // Real ids, so mutations reach the code behind the lookups.
  const claims = [await fx.newClaim("DRAFT"), await fx.newClaim("SUBMITTED"), await fx.newClaim("APPROVED"), await fx.newClaim("RETRACTED"), await fx.staleClaim()];
  const throwaway = [await fx.newUser("READER"), await fx.newUser("REVIEWER"), await fx.newUser("EDITOR", "password")];
  const { articleVersionId } = await fx.latest(SEED_SLUG);
  const ids: Ids = {
    slug: [SEED_SLUG, fx.scratchSlug],
    id: [...claims.map((c) => c.id), ...throwaway.map((u) => u.id)],
    number: ["1", "2", "3"],
    token: throwaway.map((u) => u.token ?? "x"),
    userId: throwaway.map((u) => u.id),
  };
  const bodies = templates({ articleVersionId, claimId: claims[0].id, version: claims[0].version, token: throwaway[0].token ?? "", reviewers: [fx.as.reviewer.userId] });
  const keys = tree.filter((k) => !k.endsWith("/api/auth/[...nextauth]") || k.startsWith("GET") || k.startsWith("POST"));
  const only = process.env.SECURITY_FUZZ_ONLY?.split(",").map(Number);
  const indices = only ?? Array.from({ length: count }, (_, i) => i);
  const anonymous = new Client(fx.base, "anonymous");
  log(`fuzz: seed ${seed}, ${indices.length} requests over ${keys.length} routes, ${WORKERS} at a time, ${PER_REQUEST_TIMEOUT_MS / 1000} s limit each`);
  let next = 0;
  const started = Date.now();
  if (!only) await probeExpensiveInputs(fx, articleVersionId, result, log);

  const worker = async () => {
    while (next < indices.length) {
      const i = indices[next++];
      const p = plan(seed, i, keys, bodies, ids);
      const client = p.role === "anonymous" ? anonymous : fx.as[p.role];
      const repro = () => `#${p.index} ${p.method} ${p.path.slice(0, 160)} as ${p.role} (${p.note.slice(0, 160)}; body ${typeof p.body === "string" ? `${p.body.length} chars` : p.body ? `${p.body.length} bytes` : "none"}) — replay: SECURITY_SEED=${seed} SECURITY_FUZZ_ONLY=${p.index}`;
      try {
        const r = await client.send(p.method, p.path, { body: p.body, headers: p.contentType ? { "content-type": p.contentType } : {}, timeoutMs: PER_REQUEST_TIMEOUT_MS });
        result.statuses[r.status] = (result.statuses[r.status] ?? 0) + 1;
        if (r.status >= 500) {
          result.serverErrors.push(`${r.status} ${repro()}`);
          result.failuresByRoute[p.key] = (result.failuresByRoute[p.key] ?? 0) + 1;
          const trigger = triggerOf(p.note);
          result.failuresByTrigger[trigger] = (result.failuresByTrigger[trigger] ?? 0) + 1;
        }
      } catch (e) {
        const name = (e as Error).name;
        if (name === "TimeoutError" || name === "AbortError") result.timeouts.push(`no answer in ${PER_REQUEST_TIMEOUT_MS / 1000} s: ${repro()}`);
        else result.serverErrors.push(`connection failed (${(e as Error).message}): ${repro()}`);
        result.failuresByRoute[p.key] = (result.failuresByRoute[p.key] ?? 0) + 1;
      }
      result.sent++;
      if (result.sent % 1000 === 0) {
        log(`fuzz: ${result.sent} sent, ${result.serverErrors.length} 5xx, ${result.timeouts.length} timeouts, ${((Date.now() - started) / 1000).toFixed(0)} s`);
        // A fuzzed request may legitimately end a session (a role changed, a password throttled): sign in again.
        for (const role of ["reader", "reviewer", "reviewer2", "editor", "admin"] as const) await fx.refresh(role).catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  log(`fuzz: done, ${result.sent} requests in ${((Date.now() - started) / 1000).toFixed(0)} s; statuses ${JSON.stringify(result.statuses)}`);
  return result;
}


/** The probe's own expensive inputs, sent every run whatever the seed, each with a reader's request beside it. */
async function probeExpensiveInputs(fx: Fixtures, articleVersionId: string, result: FuzzResult, log: (s: string) => void): Promise<void> {
  const divs = 20_000;
  const cases: { what: string; method: string; path: string; body: string }[] = [
    { what: `HTML of ${divs.toLocaleString("en")} nested <div>s`, method: "POST", path: "/api/articles/import/preview", body: JSON.stringify({ format: "html", content: "<div>".repeat(divs) + "deep" + "</div>".repeat(divs) }) },
    {
      what: "a Markdown list nested 1,000 deep",
      method: "POST",
      path: "/api/articles/import/preview",
      body: JSON.stringify({ format: "markdown", content: Array.from({ length: 1000 }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n") }),
    },
    {
      what: "a version document of 2,000 nested blockquotes",
      method: "POST",
      path: `/api/articles/${encodeURIComponent(SEED_SLUG)}/versions`,
      body: `{"baseVersionId":${JSON.stringify(articleVersionId)},"correctionNote":null,"doc":{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(2000)}{"type":"paragraph","content":[{"type":"text","text":"deep"}]}${"]}".repeat(2000)}]}}`,
    },
  ];
  const reader = new Client(fx.base, "anonymous");
  for (const c of cases) {
    const t0 = performance.now();
    const heavy = fx.as.editor.send(c.method, c.path, { body: c.body, headers: { "content-type": "application/json" }, timeoutMs: PER_REQUEST_TIMEOUT_MS }).then(
      (r) => ({ status: r.status, ms: performance.now() - t0 }),
      (e: Error) => ({ status: 0, ms: performance.now() - t0, error: e.name }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const b0 = performance.now();
    const bystander = await reader.send("GET", `/api/articles/${encodeURIComponent(SEED_SLUG)}/published`, { timeoutMs: 30_000 }).then(
      (r) => r.status,
      () => 0,
    );
    const bystanderMs = performance.now() - b0;
    const h = await heavy;
    result.sent += 2;
    const line = `${c.method} ${c.path} with ${c.what} as editor → ${h.status || "no answer"} after ${(h.ms / 1000).toFixed(1)} s; a reader's request meanwhile took ${(bystanderMs / 1000).toFixed(1)} s (${bystander})`;
    log(`fuzz: ${line}`);
    const key = c.path.endsWith("/versions") ? "POST /api/articles/[slug]/versions" : "POST /api/articles/import/preview";
    if (h.status >= 500) result.serverErrors.push(line);
    if (!h.status) result.timeouts.push(line);
    if (h.status >= 500 || !h.status) result.failuresByRoute[key] = (result.failuresByRoute[key] ?? 0) + 1;
    if (bystanderMs > BYSTANDER_LIMIT_MS) result.stalls.push(line);
    // A request past its time limit may still hold the server: wait until it answers again.
    for (let waited = 0; waited < 180_000; waited += 1000) {
      const ok = await reader.send("GET", "/api/auth/providers", { timeoutMs: 5_000 }).then(() => true, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** What a failing request had that a good one has not: a hostile path segment, a hostile query, or a body change. */
function triggerOf(note: string): string {
  const segment = note.match(/\[[.\w]+\]=[^\s;]+/)?.[0];
  if (segment) return `path segment ${segment.replace(/^\[[.\w]+\]=/, "")}`;
  if (note.includes("hostile query")) return "hostile query string";
  if (!note.replace(/[;\s]/g, "")) return "no mutation (a plain request)";
  return `body: ${note.replace(/:= (.{0,30}).*/, (_m, v: string) => `:= ${v}…`).replace(/\d+(?=\.)/g, "N").slice(0, 70)}`;
}
