import "server-only";
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { TextQuoteSelector } from "@/lib/anchoring";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZSourceSnapshots } from "@/lib/publishing/published";
import { publicBaseUrl } from "@/lib/publishing/site";
import type { EmbedCheck, EmbedPayload } from "./payload";
import type { TEmbedQuery } from "./schemas";

// What the embed script reads (issue 14): an article's PUBLISHED checks only. It reads the
// PublishedClaim snapshots (approved words, verdict, explanation, sources) and never Claim, so a draft,
// a pending revision, a comment or a reviewer note cannot reach a publisher's page. Withdrawn checks
// are left out: on someone else's page a withdrawn check has nothing to point at.


/** Bumped when EmbedPayload's shape changes, so no cache keeps the old shape under a current ETag. */
const FORMAT = "1";

type ArticleHead = { id: string; slug: string; readerRevision: number };

/** The addresses a page URL may be stored under as an article's Source URL: without its fragment, with or without a trailing slash. */
export function sourceUrlVariants(pageUrl: string): string[] {
  const url = new URL(pageUrl);
  url.hash = "";
  const base = url.href;
  const variants = [pageUrl, base];
  if (!url.search) variants.push(url.pathname.endsWith("/") && url.pathname !== "/" ? base.slice(0, -1) : `${base}/`);
  if (url.pathname === "/" && !url.search) variants.push(url.origin);
  return [...new Set(variants)];
}

async function findArticle(query: TEmbedQuery): Promise<ArticleHead> {
  const prisma = await getPrisma();
  const select = { id: true, slug: true, readerRevision: true } as const;
  const found =
    "article" in query
      ? await prisma.article.findUnique({ where: { slug: query.article }, select })
      : // The newest article wins when two were imported from the same page.
        await prisma.article.findFirst({ where: { sourceUrl: { in: sourceUrlVariants(query.url) } }, orderBy: { createdAt: "desc" }, select });
  if (!found) throw new AppError("NOT_FOUND", "article" in query ? "There is no article with this slug." : "No article has this page as its Source URL.");
  return found;
}

/**
 * A strong ETag named by what the body is made of: the article, its readerRevision (database triggers
 * bump it on every change to what readers see, including a published check, its withdrawal and a
 * checker's name; migration reader_revision), the public base URL (the body's links) and the format.
 */
export function embedEtag(head: ArticleHead, baseUrl: string = publicBaseUrl()): string {
  const site = createHash("sha256").update(`${baseUrl}\n${FORMAT}`).digest("base64url").slice(0, 10);
  return `"${head.id}-${head.readerRevision}-${site}"`;
}

async function buildPayload(head: ArticleHead): Promise<EmbedPayload> {
  const prisma = await getPrisma();
  const [article, rows] = await Promise.all([
    prisma.article.findUniqueOrThrow({ where: { id: head.id }, select: { slug: true, title: true } }),
    prisma.publishedClaim.findMany({
      where: { articleId: head.id, retractedAt: null },
      orderBy: [{ approvedAt: "asc" }, { claimId: "asc" }],
      include: { reviewer: { select: { name: true } }, approvedBy: { select: { name: true } } },
    }),
  ]);
  const checks = rows.flatMap((row): EmbedCheck[] => {
    const selectors = Array.isArray(row.selectors) ? (row.selectors as unknown as { type?: string }[]) : [];
    const quote = selectors.find((s): s is TextQuoteSelector => s?.type === "TextQuoteSelector" && typeof (s as TextQuoteSelector).exact === "string");
    if (!quote) return [];
    const sources = ZSourceSnapshots.safeParse(row.sources);
    return [
      {
        id: row.claimId,
        quote: row.quote,
        selector: { type: "TextQuoteSelector", exact: quote.exact, prefix: quote.prefix ?? "", suffix: quote.suffix ?? "" },
        verdict: row.verdict,
        explanation: row.explanation,
        sources: sources.success ? sources.data.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher, stance: s.stance })) : [],
        checkedBy: row.reviewer.name,
        approvedBy: row.approvedBy.name,
        approvedAt: row.approvedAt.toISOString(),
        changedSince: row.staleAt ? row.staleAt.toISOString() : null,
      },
    ];
  });
  return { article: { slug: article.slug, title: article.title, url: `${publicBaseUrl()}/articles/${article.slug}` }, checks };
}

/**
 * Built bodies by ETag, about 16 MB of them. The ETag names the article's readerRevision, the base URL and
 * the format, so a body filed under it is never stale: a publisher's page read by thousands costs one
 * indexed read of the revision per request, not two queries and a JSON build. A revision that moves on is
 * simply never asked for again and ages out. (Compression is Next's: it gzips a route's answer itself and
 * drops a Content-Encoding the route sets, next/dist/server/send-response.js, so the cache holds the JSON.)
 */
const bodies = new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (body) => Math.max(1, body.length * 2) });

export type EmbedChecksAnswer = { status: "not-modified"; etag: string } | { status: "ok"; etag: string | null; body: string };

/**
 * The published checks for the embed script, or "not-modified" when `ifNoneMatch` names the current
 * ETag: that answer costs one indexed read of the article's readerRevision.
 */
export async function readEmbedChecks(query: TEmbedQuery, matches: (etag: string) => boolean): Promise<EmbedChecksAnswer> {
  const head = await findArticle(query);
  const etag = embedEtag(head);
  if (matches(etag)) return { status: "not-modified", etag };
  const cached = bodies.get(etag);
  if (cached !== undefined) return { status: "ok", etag, body: cached };
  const body = JSON.stringify(await buildPayload(head));
  // A change between the two reads would file newer content under the older revision: then no ETag, and not kept.
  const prisma = await getPrisma();
  const after = await prisma.article.findUnique({ where: { id: head.id }, select: { readerRevision: true } });
  if (after?.readerRevision !== head.readerRevision) return { status: "ok", etag: null, body };
  bodies.set(etag, body);
  return { status: "ok", etag, body };
}
