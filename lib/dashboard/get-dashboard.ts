import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TReviewState } from "@/lib/claims/claim-dto";
import type { TVerdict } from "@/lib/verdicts";
import type { DashboardView } from "@/lib/validation/dashboard";
import { AGE_BUCKETS, CHART_IDS, type AgeBucket, type ChartId, type DashboardData } from "./tables";

// The dashboard's numbers (issue 17). Every figure is an aggregate computed by the database (GROUP
// BY, FILTER, percentile_cont): no claim row is loaded into JavaScript, so the page costs the same
// with 100 claims or 100,000 (docs/benchmarks.md, "Dashboard"). The SQL is plain PostgreSQL, which
// the embedded PGlite runs too.

export type DashboardOptions = { articles: { slug: string; title: string }[]; reviewers: { id: string; name: string }[]; tags: string[] };

type Db = Prisma.TransactionClient;
const DAY_MS = 86_400_000;

function assertEditorial(actor: SessionUser) {
  if (actor.role !== "EDITOR" && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only editors and admins can open the dashboard.");
}

/** [from 00:00, the day after `to` 00:00) in UTC: both days of the range are included. */
function rangeOf(view: DashboardView): { start: Date; end: Date } {
  return { start: new Date(`${view.from}T00:00:00Z`), end: new Date(Date.parse(`${view.to}T00:00:00Z`) + DAY_MS) };
}

/** The join to the claim's article `a`, only when a filter needs it (a hash join saved on every query otherwise). */
function articleJoin(view: DashboardView): Prisma.Sql {
  return view.article || view.tag ? Prisma.sql`JOIN "Article" a ON a.id = c."articleId"` : Prisma.empty;
}

/** The article, tag and reviewer filters, on a claim `c` (joined to its article `a` by articleJoin). Deleted drafts never count. */
function claimFilter(view: DashboardView): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`c."deletedAt" IS NULL`];
  if (view.article) parts.push(Prisma.sql`a.slug = ${view.article}`);
  // A tag is the article's (its subject) or the claim's own.
  if (view.tag) parts.push(Prisma.sql`(${view.tag} = ANY(a.tags) OR ${view.tag} = ANY(c.tags))`);
  if (view.reviewer) parts.push(Prisma.sql`c."authorId" = ${view.reviewer}`);
  return Prisma.join(parts, " AND ");
}

const weekOf = (d: Date | string) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

type Query<C extends ChartId> = (db: Db, view: DashboardView, now: Date) => Promise<DashboardData[C]>;

/** Exported for lib/dashboard/bench/explain.ts, which prints each query's plan. */
export const QUERIES: { [C in ChartId]: Query<C> } = {
  // Live (not withdrawn) published checks, by the week they were approved and their verdict.
  async verdicts(db, view) {
    const { start, end } = rangeOf(view);
    const rows = await db.$queryRaw<{ week: Date; verdict: TVerdict; n: number }[]>`
      SELECT date_trunc('week', p."approvedAt") AS week, p.verdict::text AS verdict, count(*)::int AS n
      FROM "PublishedClaim" p JOIN "Claim" c ON c.id = p."claimId" ${articleJoin(view)}
      WHERE p."retractedAt" IS NULL AND p."approvedAt" >= ${start} AND p."approvedAt" < ${end} AND ${claimFilter(view)}
      GROUP BY 1, 2 ORDER BY 1, 2`;
    return rows.map((r) => ({ week: weekOf(r.week), verdict: r.verdict, count: num(r.n) }));
  },
  // The backlog now: every claim by its current state (the date range does not apply to "now").
  async backlog(db, view) {
    const rows = await db.$queryRaw<{ state: TReviewState; n: number }[]>`
      SELECT c.state::text AS state, count(*)::int AS n
      FROM "Claim" c ${articleJoin(view)}
      WHERE ${claimFilter(view)}
      GROUP BY 1`;
    const by = new Map(rows.map((r) => [r.state, num(r.n)]));
    return (["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "RETRACTED"] as const).map((state) => ({ state, count: by.get(state) ?? 0 }));
  },
  // Claims waiting for an editor now, by how long they have waited.
  async waiting(db, view, now) {
    const rows = await db.$queryRaw<{ bucket: AgeBucket; n: number }[]>`
      SELECT CASE WHEN c."submittedAt" > ${new Date(now.getTime() - DAY_MS)} THEN 'under-1-day'
                  WHEN c."submittedAt" > ${new Date(now.getTime() - 3 * DAY_MS)} THEN '1-3-days'
                  ELSE 'over-3-days' END AS bucket,
             count(*)::int AS n
      FROM "Claim" c ${articleJoin(view)}
      WHERE c.state = 'SUBMITTED' AND ${claimFilter(view)}
      GROUP BY 1`;
    const by = new Map(rows.map((r) => [r.bucket, num(r.n)]));
    return AGE_BUCKETS.map((bucket) => ({ bucket, count: by.get(bucket) ?? 0 }));
  },
  // Each approval in the range, measured from the submission it decided (the latest one before it).
  async "approval-time"(db, view) {
    const { start, end } = rangeOf(view);
    const rows = await db.$queryRaw<{ week: Date; n: number; median: number; p90: number }[]>`
      SELECT date_trunc('week', e."createdAt") AS week, count(*)::int AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e."createdAt" - s.at)) / 3600 AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM e."createdAt" - s.at)) / 3600 AS p90
      FROM "ClaimEvent" e JOIN "Claim" c ON c.id = e."claimId" ${articleJoin(view)}
      CROSS JOIN LATERAL (
        SELECT max(s."createdAt") AS at FROM "ClaimEvent" s
        WHERE s."claimId" = e."claimId" AND s.type = 'SUBMITTED' AND s."createdAt" <= e."createdAt"
      ) s
      WHERE e.type = 'APPROVED' AND e."createdAt" >= ${start} AND e."createdAt" < ${end} AND s.at IS NOT NULL AND ${claimFilter(view)}
      GROUP BY 1 ORDER BY 1`;
    return rows.map((r) => ({ week: weekOf(r.week), approvals: num(r.n), medianHours: num(r.median), p90Hours: num(r.p90) }));
  },
  // Editors' decisions by week: approvals (published checks) and send-backs.
  async published(db, view) {
    const { start, end } = rangeOf(view);
    const rows = await db.$queryRaw<{ week: Date; published: number; sent_back: number }[]>`
      SELECT date_trunc('week', e."createdAt") AS week,
             count(*) FILTER (WHERE e.type = 'APPROVED')::int AS published,
             count(*) FILTER (WHERE e.type = 'CHANGES_REQUESTED')::int AS sent_back
      FROM "ClaimEvent" e JOIN "Claim" c ON c.id = e."claimId" ${articleJoin(view)}
      WHERE e.type IN ('APPROVED', 'CHANGES_REQUESTED') AND e."createdAt" >= ${start} AND e."createdAt" < ${end} AND ${claimFilter(view)}
      GROUP BY 1 ORDER BY 1`;
    return rows.map((r) => ({ week: weekOf(r.week), published: num(r.published), sentBack: num(r.sent_back) }));
  },
  // Per claim author, in the range: claims drafted (created), and distinct claims submitted, approved, sent back.
  async reviewers(db, view) {
    const { start, end } = rangeOf(view);
    const filter = claimFilter(view);
    const rows = await db.$queryRaw<{ id: string; name: string; drafted: number; submitted: number; approved: number; sent_back: number }[]>`
      WITH drafted AS (
        SELECT c."authorId" AS uid, count(*)::int AS n
        FROM "Claim" c ${articleJoin(view)}
        WHERE c."createdAt" >= ${start} AND c."createdAt" < ${end} AND ${filter}
        GROUP BY 1
      ), per_claim AS (
        -- One row per claim: distinct claims without three count(DISTINCT …) sorts.
        SELECT c."authorId" AS uid,
               bool_or(e.type = 'SUBMITTED') AS submitted, bool_or(e.type = 'APPROVED') AS approved, bool_or(e.type = 'CHANGES_REQUESTED') AS sent_back
        FROM "ClaimEvent" e JOIN "Claim" c ON c.id = e."claimId" ${articleJoin(view)}
        WHERE e.type IN ('SUBMITTED', 'APPROVED', 'CHANGES_REQUESTED') AND e."createdAt" >= ${start} AND e."createdAt" < ${end} AND ${filter}
        GROUP BY c.id, c."authorId"
      ), decided AS (
        SELECT uid, count(*) FILTER (WHERE submitted)::int AS submitted, count(*) FILTER (WHERE approved)::int AS approved, count(*) FILTER (WHERE sent_back)::int AS sent_back
        FROM per_claim GROUP BY uid
      )
      SELECT u.id, u.name, COALESCE(d.n, 0) AS drafted, COALESCE(x.submitted, 0) AS submitted, COALESCE(x.approved, 0) AS approved, COALESCE(x.sent_back, 0) AS sent_back
      FROM "User" u LEFT JOIN drafted d ON d.uid = u.id LEFT JOIN decided x ON x.uid = u.id
      WHERE d.uid IS NOT NULL OR x.uid IS NOT NULL
      ORDER BY u.name, u.id`;
    return rows.map((r) => ({ id: r.id, name: r.name, drafted: num(r.drafted), submitted: num(r.submitted), approved: num(r.approved), sentBack: num(r.sent_back) }));
  },
  // Per article now, by state: the 50 articles with the most claims.
  async articles(db, view) {
    const rows = await db.$queryRaw<{ slug: string; title: string; draft: number; submitted: number; changes: number; approved: number; retracted: number }[]>`
      SELECT a.slug, a.title,
             count(*) FILTER (WHERE c.state = 'DRAFT')::int AS draft,
             count(*) FILTER (WHERE c.state = 'SUBMITTED')::int AS submitted,
             count(*) FILTER (WHERE c.state = 'CHANGES_REQUESTED')::int AS changes,
             count(*) FILTER (WHERE c.state = 'APPROVED')::int AS approved,
             count(*) FILTER (WHERE c.state = 'RETRACTED')::int AS retracted
      FROM "Claim" c JOIN "Article" a ON a.id = c."articleId"
      WHERE ${claimFilter(view)}
      GROUP BY a.id, a.slug, a.title
      ORDER BY count(*) DESC, a.title
      LIMIT 50`;
    return rows.map((r) => ({
      slug: r.slug,
      title: r.title,
      counts: { DRAFT: num(r.draft), SUBMITTED: num(r.submitted), CHANGES_REQUESTED: num(r.changes), APPROVED: num(r.approved), RETRACTED: num(r.retracted) },
    }));
  },
};

/**
 * Runs the queries in one read-only transaction with PostgreSQL's JIT compiler off: these are
 * short aggregates whose estimated cost crosses jit_above_cost at 100,000 claims, and compiling them
 * cost more than running them (about 340 ms a query in EXPLAIN ANALYZE, docs/benchmarks.md). One
 * connection, one consistent snapshot: the charts of one page agree with each other.
 * work_mem 32MB (the default is 4MB) lets the per-week percentile sorts and the per-claim grouping
 * of the reviewers chart stay in memory at 100,000 claims instead of spilling to disk; LOCAL ends
 * with the transaction, so the pool's other connections keep the server's setting.
 */
export async function inReadTransaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const prisma = await getPrisma();
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      await tx.$executeRaw`SET LOCAL jit = off`;
      await tx.$executeRaw`SET LOCAL work_mem = '32MB'`;
      return fn(tx);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** One chart's rows, for its CSV download. */
export async function getDashboardChart<C extends ChartId>(actor: SessionUser, chart: C, view: DashboardView, now = new Date()): Promise<DashboardData[C]> {
  assertEditorial(actor);
  return inReadTransaction((db) => QUERIES[chart](db, view, now));
}

/** Every chart's rows and the filters' choices, for the page. */
export async function getDashboard(actor: SessionUser, view: DashboardView, now = new Date()): Promise<{ data: DashboardData; options: DashboardOptions }> {
  assertEditorial(actor);
  return inReadTransaction(async (db) => {
    const options = await listOptions(db);
    const data = {} as Record<ChartId, unknown>;
    for (const c of CHART_IDS) data[c] = await QUERIES[c](db, view, now);
    return { data: data as DashboardData, options };
  });
}

async function listOptions(db: Db): Promise<DashboardOptions> {
  const articles = await db.article.findMany({ orderBy: { title: "asc" }, select: { slug: true, title: true }, take: 500 });
  const reviewers = await db.user.findMany({ where: { role: { in: ["REVIEWER", "EDITOR", "ADMIN"] } }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true }, take: 500 });
  const tags = await db.$queryRaw<{ tag: string }[]>`SELECT DISTINCT unnest(tags) AS tag FROM "Article" ORDER BY 1 LIMIT 200`;
  return { articles, reviewers, tags: tags.map((t) => t.tag) };
}
