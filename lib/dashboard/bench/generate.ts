// Generated editorial history for the dashboard's tests and benchmark (issue 17): articles, claims
// in every state, their workflow events and published snapshots, written by a few INSERT … SELECT
// over generate_series, so 100,000 claims take seconds on PostgreSQL and PGlite alike.
// Deterministic: claim i is in state STATES[i % 10], has verdict i % 8 and author i % authors.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type GenerateOptions = {
  claims: number;
  articles: number;
  /** Claim authors (reviewers), by id. */
  authorIds: string[];
  /** Who approves and sends back. */
  editorId: string;
  /** Distinguishes the rows of two runs in one database. */
  prefix: string;
  now: Date;
  /** Claims are spread over this many days before `now`. */
  days?: number;
};

export async function generateDashboardData(prisma: PrismaClient, o: GenerateOptions): Promise<void> {
  const days = o.days ?? 120;
  const p = o.prefix;
  const now = o.now.toISOString();
  await prisma.$executeRaw`
    INSERT INTO "Article" (id, slug, title, tags, "createdAt", "updatedAt")
    SELECT ${p} || '-a' || i, ${p} || '-article-' || i, 'Generated article ' || i, ARRAY['topic-' || (i % 3)], ${now}::timestamp, ${now}::timestamp
    FROM generate_series(0, ${o.articles - 1}) i`;
  await prisma.$executeRaw`
    INSERT INTO "ArticleVersion" (id, "articleId", number, "plainText", doc, "createdAt")
    SELECT ${p} || '-v' || i, ${p} || '-a' || i, 1, 'Generated text.', '{"type":"doc","content":[]}'::jsonb, ${now}::timestamp
    FROM generate_series(0, ${o.articles - 1}) i`;
  await prisma.$executeRaw`
    INSERT INTO "Claim" (id, "articleId", "articleVersionId", selectors, quote, verdict, explanation, tags, state, version, "authorId", "updatedById", "createdAt", "updatedAt", "submittedAt")
    SELECT ${p} || '-c' || g.i, ${p} || '-a' || (g.i % ${o.articles}), ${p} || '-v' || (g.i % ${o.articles}), '[]'::jsonb, 'generated claim ' || g.i,
           (enum_range(NULL::"Verdict"))[1 + g.i % 8], '', ARRAY['gen-' || (g.i % 5)],
           (ARRAY['DRAFT','DRAFT','DRAFT','SUBMITTED','SUBMITTED','CHANGES_REQUESTED','APPROVED','APPROVED','APPROVED','RETRACTED'])[1 + g.i % 10]::"ReviewState",
           1, (${o.authorIds}::text[])[1 + g.i % ${o.authorIds.length}], (${o.authorIds}::text[])[1 + g.i % ${o.authorIds.length}],
           g.created, g.created, CASE WHEN g.i % 10 >= 3 THEN g.created + interval '1 hour' END
    FROM (SELECT i, ${now}::timestamp - ((i * 7919) % (${days} * 24)) * interval '1 hour' - interval '2 hours' AS created FROM generate_series(0, ${o.claims - 1}) i) g`;
  // Every claim past DRAFT was submitted an hour after it was created; decisions follow 1–96 hours later.
  await prisma.$executeRaw`
    INSERT INTO "ClaimEvent" (id, "claimId", "actorId", type, "createdAt")
    SELECT c.id || '-s', c.id, c."authorId", 'SUBMITTED', c."submittedAt" FROM "Claim" c WHERE c.id LIKE ${p + "-c%"} AND c.state <> 'DRAFT'
    UNION ALL
    SELECT c.id || '-d', c.id, ${o.editorId}, CASE WHEN c.state = 'CHANGES_REQUESTED' THEN 'CHANGES_REQUESTED' ELSE 'APPROVED' END,
           LEAST(${now}::timestamp, c."submittedAt" + (1 + abs(hashtext(c.id)) % 96) * interval '1 hour')
    FROM "Claim" c WHERE c.id LIKE ${p + "-c%"} AND c.state IN ('CHANGES_REQUESTED', 'APPROVED', 'RETRACTED')`;
  await prisma.$executeRaw`
    INSERT INTO "PublishedClaim" ("claimId", "articleId", "claimVersion", selectors, quote, verdict, explanation, sources, "reviewerId", "approvedById", "approvedAt", "retractedAt", "retractedById", "retractionReason")
    SELECT c.id, c."articleId", 1, '[]'::jsonb, c.quote, c.verdict, '', '[]'::jsonb, c."authorId", ${o.editorId}, e."createdAt",
           CASE WHEN c.state = 'RETRACTED' THEN e."createdAt" END, CASE WHEN c.state = 'RETRACTED' THEN ${o.editorId} END, CASE WHEN c.state = 'RETRACTED' THEN 'Generated.' END
    FROM "Claim" c JOIN "ClaimEvent" e ON e.id = c.id || '-d'
    WHERE c.id LIKE ${p + "-c%"} AND c.state IN ('APPROVED', 'RETRACTED')`;
}
