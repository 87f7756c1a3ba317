import "server-only";
import { isAppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FetchRefused, safeFetch, type SafeFetchOptions } from "@/lib/fetch/safe-fetch";
import { enqueueJobs } from "@/lib/jobs/queue";
import { extractFacts, type PageFacts } from "./extract";
import { archiveStatus, type SourceArchive, type SnapshotRow } from "./status";

export const SNAPSHOT_JOB = "SNAPSHOT";
export const RECHECK_JOB = "RECHECK_SOURCES";

const SNAPSHOT_COLUMNS = { id: true, fetchedAt: true, checkedAt: true, status: true, textSha256: true, sha256: true, error: true } as const;

/** Thrown after a failed fetch was recorded, so the queue retries it with back-off. */
export class SnapshotFailed extends Error {}

/**
 * Prefix of the recorded error when the page was fetched but refused by the parsing limits (nesting,
 * element count, the worker's time or memory): the same page would be refused again, so it is not retried.
 */
export const PAGE_REFUSED = "PAGE_REFUSED";

/** Failures that a retry cannot fix: the address or scheme is refused, or the page is. */
const NOT_RETRIED = ["BLOCKED_ADDRESS", "SCHEME", PAGE_REFUSED];

/**
 * Fetches `url` and records what it found (issue 18). A fetch that finds the page as the latest row
 * describes it only moves that row's checkedAt; anything new (first fetch, changed text, a new status)
 * adds a row. When what readers see may change (a new row for a cited URL), the articles citing it
 * get their readerRevision bumped so every instance's reader cache drops them.
 */
export async function takeSnapshot(prisma: PrismaClient, url: string, opts: SafeFetchOptions = {}): Promise<{ id: string; facts: PageFacts | null; status: number | null; error: string | null }> {
  let row: Omit<Parameters<PrismaClient["webSnapshot"]["create"]>[0]["data"], "url">;
  let facts: PageFacts | null = null;
  try {
    const result = await safeFetch(url, opts);
    facts = result.status >= 200 && result.status < 300 ? await extractFacts(result) : null;
    row = {
      finalUrl: result.url,
      status: result.status,
      contentType: result.contentType,
      sha256: facts ? result.sha256 : null,
      title: facts?.title,
      publisher: facts?.publisher,
      publishedAt: facts?.publishedAt ? new Date(`${facts.publishedAt}T00:00:00Z`) : null,
      text: facts?.text,
      html: facts?.html,
      textSha256: facts?.textSha256,
    };
  } catch (e) {
    if (e instanceof FetchRefused) row = { error: `${e.code}: ${e.message}` };
    // A busy pool (TOO_MANY_REQUESTS) says nothing about the page: it is thrown, not recorded.
    else if (isAppError(e) && (e.code === "INVALID" || e.code === "PAYLOAD_TOO_LARGE")) row = { error: `${PAGE_REFUSED}: ${e.message}` };
    else throw e;
  }
  const latest = await prisma.webSnapshot.findFirst({ where: { url }, orderBy: { fetchedAt: "desc" }, select: SNAPSHOT_COLUMNS });
  const same = latest && latest.status === (row.status ?? null) && latest.textSha256 === (row.textSha256 ?? null) && latest.sha256 === (row.sha256 ?? null) && (latest.error === null) === (row.error == null);
  let id: string;
  if (same) {
    id = latest.id;
    await prisma.webSnapshot.update({ where: { id }, data: { checkedAt: new Date(), error: row.error ?? null } });
  } else {
    id = (await prisma.webSnapshot.create({ data: { url, ...row }, select: { id: true } })).id;
    if (!row.error) await bumpCitingArticles(prisma, url);
  }
  return { id, facts, status: row.status ?? null, error: row.error ?? null };
}

async function bumpCitingArticles(prisma: PrismaClient, url: string): Promise<void> {
  await prisma.$executeRaw`UPDATE "Article" SET "readerRevision" = "readerRevision" + 1
    WHERE "id" IN (SELECT "articleId" FROM "PublishedClaim" WHERE "sources" @> jsonb_build_array(jsonb_build_object('url', ${url}::text)))`;
}

/** The archived copy and warning of each URL (one query for all). */
export async function archivesFor(prisma: PrismaClient, urls: string[]): Promise<Map<string, SourceArchive>> {
  const unique = [...new Set(urls)];
  const out = new Map<string, SourceArchive>();
  if (!unique.length) return out;
  const rows = await prisma.webSnapshot.findMany({ where: { url: { in: unique } }, select: { ...SNAPSHOT_COLUMNS, url: true } });
  const byUrl = new Map<string, SnapshotRow[]>();
  for (const r of rows) byUrl.set(r.url, [...(byUrl.get(r.url) ?? []), r]);
  for (const [url, list] of byUrl) {
    const status = archiveStatus(list);
    if (status) out.set(url, status);
  }
  return out;
}

/** Queues a first snapshot of each URL not snapshotted yet. Called when a claim's sources are saved. */
export async function queueSnapshots(prisma: Pick<PrismaClient, "webSnapshot" | "job">, urls: string[]): Promise<void> {
  const unique = [...new Set(urls)];
  if (!unique.length) return;
  const have = new Set((await prisma.webSnapshot.findMany({ where: { url: { in: unique }, error: null }, select: { url: true }, distinct: ["url"] })).map((r) => r.url));
  await enqueueJobs(
    prisma,
    unique.filter((u) => !have.has(u)).map((url) => ({ kind: SNAPSHOT_JOB, payload: { url }, dedupeKey: `snapshot:first:${url}` })),
  );
}

/** Job handler: a failure is recorded, then thrown so the queue retries with back-off (unless retrying cannot help). */
export async function runSnapshotJob(prisma: PrismaClient, payload: unknown): Promise<void> {
  const url = (payload as { url?: unknown })?.url;
  if (typeof url !== "string") return;
  const result = await takeSnapshot(prisma, url);
  if (result.error && !NOT_RETRIED.some((code) => result.error!.startsWith(`${code}: `))) throw new SnapshotFailed(result.error);
}

/** Hours between re-checks of a cited page (FACTMARK_SOURCE_RECHECK_HOURS, default 24; fractions allowed). */
export function recheckHours(env: Record<string, string | undefined> = process.env): number {
  const v = Number(env.FACTMARK_SOURCE_RECHECK_HOURS);
  return Number.isFinite(v) && v > 0 ? v : 24;
}

/**
 * Schedules re-checks of every URL that was once fetched successfully (one never fetched is retried
 * by its first job's back-off instead) whose latest check is older than the interval. The dedupe
 * key names the interval slot, so several instances scheduling at once add each job once.
 */
export async function scheduleRechecks(prisma: PrismaClient, now = new Date()): Promise<number> {
  const hours = recheckHours();
  const slot = Math.floor(now.getTime() / (hours * 3600_000));
  const cutoff = new Date(now.getTime() - hours * 3600_000);
  const stale = await prisma.$queryRaw<{ url: string }[]>`
    SELECT "url" FROM "WebSnapshot" GROUP BY "url"
    HAVING max("checkedAt") < ${cutoff} AND bool_or("error" IS NULL AND "status" BETWEEN 200 AND 299) LIMIT 500`;
  return enqueueJobs(
    prisma,
    stale.map(({ url }) => ({ kind: SNAPSHOT_JOB, payload: { url }, dedupeKey: `snapshot:recheck:${slot}:${url}`, maxAttempts: 3 })),
  );
}
