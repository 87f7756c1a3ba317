import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { createClaim } from "@/lib/claims/create-claim";
import { seedDatabase } from "@/lib/seed/seed";
import { claimFields, QUOTE } from "@/lib/testing/claims-fixture";
import { codeOf } from "@/lib/testing/code-of";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import type { DashboardView } from "@/lib/validation/dashboard";
import { generateDashboardData } from "./bench/generate";
import { getDashboard, getDashboardChart } from "./get-dashboard";
import { AGE_BUCKETS, type DashboardData } from "./tables";

// The SQL aggregates against the same numbers computed in JavaScript from every row (the oracle),
// on generated history plus a claim that went through the real services, on both engines.

const DAY = 86_400_000;
const NOW = new Date();
const monday = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
function percentile(sorted: number[], p: number) {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
}
const round3 = (n: number) => Math.round(n * 1000) / 1000;

async function oracle(t: TestDatabase, view: DashboardView): Promise<Omit<DashboardData, "waiting"> & { waiting: Record<string, number> }> {
  const prisma = t.db.prisma;
  const start = new Date(`${view.from}T00:00:00Z`).getTime();
  const end = new Date(`${view.to}T00:00:00Z`).getTime() + DAY;
  const inRange = (d: Date) => d.getTime() >= start && d.getTime() < end;
  const claims = (await prisma.claim.findMany({ include: { article: true, author: true, events: true, published: true } })).filter(
    (c) => !c.deletedAt && (!view.article || c.article.slug === view.article) && (!view.reviewer || c.authorId === view.reviewer) && (!view.tag || c.tags.includes(view.tag) || c.article.tags.includes(view.tag)),
  );
  const count = <K extends string>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const verdicts = count(claims.filter((c) => c.published && !c.published.retractedAt && inRange(c.published.approvedAt)).map((c) => `${monday(c.published!.approvedAt)}|${c.published!.verdict}`));
  const states = count(claims.map((c) => c.state));
  const waiting: Record<string, number> = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0]));
  for (const c of claims.filter((c) => c.state === "SUBMITTED")) {
    const age = NOW.getTime() - c.submittedAt!.getTime();
    waiting[age < DAY ? "under-1-day" : age < 3 * DAY ? "1-3-days" : "over-3-days"]++;
  }
  const events = claims.flatMap((c) => c.events.map((e) => ({ ...e, claim: c })));
  const durations = new Map<string, number[]>();
  for (const e of events.filter((e) => e.type === "APPROVED" && inRange(e.createdAt))) {
    const subs = e.claim.events.filter((s) => s.type === "SUBMITTED" && s.createdAt <= e.createdAt).map((s) => s.createdAt.getTime());
    if (!subs.length) continue;
    const k = monday(e.createdAt);
    durations.set(k, [...(durations.get(k) ?? []), (e.createdAt.getTime() - Math.max(...subs)) / 3_600_000]);
  }
  const decided = events.filter((e) => (e.type === "APPROVED" || e.type === "CHANGES_REQUESTED") && inRange(e.createdAt));
  const weeks = [...new Set(decided.map((e) => monday(e.createdAt)))].sort();
  const authors = [...new Set([...claims.filter((c) => inRange(c.createdAt)).map((c) => c.author), ...events.filter((e) => ["SUBMITTED", "APPROVED", "CHANGES_REQUESTED"].includes(e.type) && inRange(e.createdAt)).map((e) => e.claim.author)].map((a) => JSON.stringify([a.name, a.id])))]
    .sort()
    .map((s) => JSON.parse(s) as [string, string]);
  const distinct = (authorId: string, type: string) => new Set(events.filter((e) => e.claim.authorId === authorId && e.type === type && inRange(e.createdAt)).map((e) => e.claimId)).size;
  const articles = [...new Set(claims.map((c) => c.article.slug))].map((slug) => {
    const of = claims.filter((c) => c.article.slug === slug);
    const by = count(of.map((c) => c.state));
    return { slug, title: of[0].article.title, counts: { DRAFT: by.get("DRAFT") ?? 0, SUBMITTED: by.get("SUBMITTED") ?? 0, CHANGES_REQUESTED: by.get("CHANGES_REQUESTED") ?? 0, APPROVED: by.get("APPROVED") ?? 0, RETRACTED: by.get("RETRACTED") ?? 0 }, total: of.length };
  });
  return {
    verdicts: [...verdicts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => ({ week: k.split("|")[0], verdict: k.split("|")[1] as never, count: n })),
    backlog: (["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "RETRACTED"] as const).map((s) => ({ state: s, count: states.get(s) ?? 0 })),
    waiting,
    "approval-time": [...durations].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, d]) => {
      const s = d.sort((x, y) => x - y);
      return { week, approvals: s.length, medianHours: round3(percentile(s, 0.5)), p90Hours: round3(percentile(s, 0.9)) };
    }),
    published: weeks.map((w) => ({ week: w, published: decided.filter((e) => monday(e.createdAt) === w && e.type === "APPROVED").length, sentBack: decided.filter((e) => monday(e.createdAt) === w && e.type === "CHANGES_REQUESTED").length })),
    reviewers: authors.map(([name, id]) => ({ id, name, drafted: claims.filter((c) => c.authorId === id && inRange(c.createdAt)).length, submitted: distinct(id, "SUBMITTED"), approved: distinct(id, "APPROVED"), sentBack: distinct(id, "CHANGES_REQUESTED") })),
    articles: articles.sort((a, b) => b.total - a.total || (a.title < b.title ? -1 : 1)).slice(0, 50).map(({ slug, title, counts }) => ({ slug, title, counts })),
  };
}

describe.each(ENGINES)("dashboard aggregates on $name", ({ create }) => {
  let t: TestDatabase;
  let unshare: () => void;
  const users: Record<string, SessionUser> = {};
  beforeAll(async () => {
    t = await create();
    unshare = shareWithServices(t);
    await seedDatabase(t.db.prisma, { demoUsers: true });
    for (const u of await t.db.prisma.user.findMany()) users[u.email.split("@")[0]] = { id: u.id, name: u.name, email: u.email, role: u.role as TRole };
    await generateDashboardData(t.db.prisma, { claims: 600, articles: 4, authorIds: [users.reviewer.id, users.reviewer2.id], editorId: users.editor.id, prefix: "t", now: NOW, days: 40 });
    // One claim through the real workflow: submitted, sent back, resubmitted, approved.
    const v = await t.db.prisma.articleVersion.findFirstOrThrow({ where: { article: { slug: { not: { startsWith: "t-" } } } } });
    const at = v.plainText.indexOf(QUOTE);
    let c = await createClaim(users.reviewer2, { articleVersionId: v.id, start: at, end: at + QUOTE.length, fields: claimFields({ tags: ["real-one"] }) });
    c = await transitionClaim(users.reviewer2, c.id, { action: "submit", version: c.version });
    c = await transitionClaim(users.editor, c.id, { action: "requestChanges", version: c.version, reason: "Add a source." });
    c = await transitionClaim(users.reviewer2, c.id, { action: "submit", version: c.version });
    await transitionClaim(users.editor, c.id, { action: "approve", version: c.version });
  });
  afterAll(async () => {
    unshare?.();
    await t?.drop();
  });

  const views = (): [string, DashboardView][] => [
    ["everything, 60 days", { from: dayOf(new Date(NOW.getTime() - 60 * DAY)), to: dayOf(NOW) }],
    ["last 10 days", { from: dayOf(new Date(NOW.getTime() - 10 * DAY)), to: dayOf(NOW) }],
    ["one reviewer", { from: dayOf(new Date(NOW.getTime() - 60 * DAY)), to: dayOf(NOW), reviewer: users.reviewer2.id }],
    ["one article", { from: dayOf(new Date(NOW.getTime() - 60 * DAY)), to: dayOf(NOW), article: "t-article-1" }],
    ["a claim tag", { from: dayOf(new Date(NOW.getTime() - 60 * DAY)), to: dayOf(NOW), tag: "gen-3" }],
    ["an article tag", { from: dayOf(new Date(NOW.getTime() - 60 * DAY)), to: dayOf(NOW), tag: "topic-0" }],
  ];

  it("every chart matches the numbers computed from the rows, for each filter", async () => {
    for (const [name, view] of views()) {
      const { data } = await getDashboard(users.editor, view, NOW);
      const expected = await oracle(t, view);
      if (name.startsWith("everything")) {
        // The generated history is rich enough for each comparison to mean something.
        expect(expected.verdicts.length).toBeGreaterThan(10);
        expect(expected["approval-time"].length).toBeGreaterThan(3);
        expect(expected.reviewers.length).toBeGreaterThanOrEqual(2);
        expect(Object.values(expected.waiting).every((n) => n > 0)).toBe(true);
      }
      expect(data.backlog, name).toEqual(expected.backlog);
      expect(Object.fromEntries(data.waiting.map((w) => [w.bucket, w.count])), name).toEqual(expected.waiting);
      expect(data.verdicts, name).toEqual(expected.verdicts);
      expect(data.published, name).toEqual(expected.published);
      expect(data.reviewers, name).toEqual(expected.reviewers);
      expect(data.articles, name).toEqual(expected.articles);
      expect(data["approval-time"].map((r) => ({ ...r, medianHours: round3(r.medianHours), p90Hours: round3(r.p90Hours) })), name).toEqual(expected["approval-time"]);
    }
  });

  it("counts the real workflow: one claim submitted twice, sent back once and approved counts once in each", async () => {
    const view = { from: dayOf(NOW), to: dayOf(NOW), tag: "real-one" };
    const rows = await getDashboardChart(users.editor, "reviewers", view, NOW);
    expect(rows).toEqual([{ id: users.reviewer2.id, name: users.reviewer2.name, drafted: 1, submitted: 1, approved: 1, sentBack: 1 }]);
    expect(await getDashboardChart(users.admin, "published", view, NOW)).toEqual([{ week: expect.any(String), published: 1, sentBack: 1 }]);
  });

  it("is for editors and admins only", async () => {
    const view = { from: dayOf(NOW), to: dayOf(NOW) };
    expect(await codeOf(getDashboard(users.reviewer, view))).toBe("FORBIDDEN");
    expect(await codeOf(getDashboardChart(users.reader, "backlog", view))).toBe("FORBIDDEN");
  });
});
