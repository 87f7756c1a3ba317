import "server-only";
import { randomUUID } from "node:crypto";
import { anchor, describe as describeSpan, type Selector } from "@/lib/anchoring";
import { hasRole, REVIEW_ROLES, type SessionUser } from "@/lib/auth/roles";
import { assertCanReview } from "@/lib/claims/access";
import { MAX_QUOTE_LENGTH } from "@/lib/claims/create-claim";
import { deleteClaim, updateClaim } from "@/lib/claims/update-claim";
import { sourceRows } from "@/lib/claims/write-sources";
import { getPrisma } from "@/lib/db/client";
import { attachArchives } from "@/lib/snapshots/attach";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publicBaseUrl } from "@/lib/publishing/site";
import { ZClaimFields, type TClaimFields } from "@/lib/validation/claims";
import type { TStance } from "@/lib/verdicts";
import { etagOf, ifMatch, PAGE_SIZE } from "./container";
import { readImportDocument } from "./import-document";
import { annotationUrl, articleUrl, claimToAnnotation, parseW3cAnnotation, type AnnotatedClaim, type AnnotationSource, type IncomingAnnotation, type PublicSite, type W3cAnnotation } from "./w3c";

// The Web Annotation Protocol's server side (issue 19). Who sees what: a caller with a review role
// (by token or session) sees what the workspace shows them; anyone else sees the approved snapshots
// of published, unretracted checks only. Writes go through the claims services' rules.

export function publicSite(): PublicSite {
  return { publicUrl: publicBaseUrl() };
}

type ArticleForAnnotations = { id: string; slug: string; sourceUrl: string | null; title: string; versionId: string; text: string };

/** What reads need of the article: not its text, which can be large. */
async function findArticleHead(slug: string): Promise<{ id: string; title: string }> {
  const prisma = await getPrisma();
  const article = await prisma.article.findUnique({ where: { slug }, select: { id: true, title: true } });
  if (!article) throw new AppError("NOT_FOUND", "There is no article at this address.");
  return article;
}

/**
 * The revision lookup itself is shared by concurrent requests and reused for REVISION_TTL_MS: under
 * load that is one query per article per quarter second instead of one per request, and a newly
 * published check still shows within that quarter second.
 */
export const REVISION_TTL_MS = 250;
const revisionLookups = new Map<string, { at: number; head: Promise<{ id: string; readerRevision: number } | null> }>();

function readerRevisionOf(slug: string): Promise<{ id: string; readerRevision: number } | null> {
  const now = Date.now();
  const hit = revisionLookups.get(slug);
  if (hit && now - hit.at < REVISION_TTL_MS) return hit.head;
  const head = getPrisma().then((prisma) => prisma.article.findUnique({ where: { slug }, select: { id: true, readerRevision: true } }));
  // A failed lookup (a database outage) is not remembered.
  head.catch(() => revisionLookups.delete(slug));
  if (revisionLookups.size >= PUBLIC_CACHE_ENTRIES) revisionLookups.delete(revisionLookups.keys().next().value!);
  revisionLookups.set(slug, { at: now, head });
  return head;
}

const publicCache = new Map<string, { revision: string; body: Uint8Array; etag: string }>();
const PUBLIC_CACHE_ENTRIES = 1000;

/**
 * What anonymous callers get is built from published checks only, and the article's readerRevision
 * changes whenever any of that changes (database triggers, migration reader_revision). So the bytes
 * are kept per (article, variant) and rebuilt only when the revision moves: one small query per request.
 */
export async function cachedPublicRepresentation(slug: string, variant: string, build: () => Promise<unknown>): Promise<{ body: Uint8Array; etag: string }> {
  const head = await readerRevisionOf(slug);
  if (!head) throw new AppError("NOT_FOUND", "There is no article at this address.");
  const revision = `${head.id}:${head.readerRevision}:${publicSite().publicUrl}`;
  const key = `${slug}\n${variant}`;
  const hit = publicCache.get(key);
  if (hit?.revision === revision) return hit;
  // Read after the revision: a change in between is stored under the older revision, so the next request rebuilds.
  const json = JSON.stringify(await build());
  // Kept as UTF-8 bytes: a 100-annotation page is ~115 KB, and encoding it again for every request
  // was a visible share of the container's time under load (bench:annotations).
  const entry = { revision, body: Buffer.from(json, "utf8"), etag: etagOf(json) };
  if (publicCache.size >= PUBLIC_CACHE_ENTRIES) publicCache.delete(publicCache.keys().next().value!);
  publicCache.set(key, entry);
  return entry;
}

async function findArticle(slug: string): Promise<ArticleForAnnotations> {
  const prisma = await getPrisma();
  const article = await prisma.article.findUnique({
    where: { slug },
    select: { id: true, slug: true, sourceUrl: true, title: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, plainText: true } } },
  });
  const latest = article?.versions[0];
  if (!article || !latest) throw new AppError("NOT_FOUND", "There is no article at this address.");
  return { id: article.id, slug: article.slug, sourceUrl: article.sourceUrl, title: article.title, versionId: latest.id, text: latest.plainText };
}

const seesWorkspace = (viewer: SessionUser | null): viewer is SessionUser => hasRole(viewer, REVIEW_ROLES);

const ROW_INCLUDE = { author: { select: { name: true } }, sources: { orderBy: { position: "asc" } } } satisfies Prisma.ClaimInclude;
type WorkspaceRow = Prisma.ClaimGetPayload<{ include: typeof ROW_INCLUDE }>;
const PUBLISHED_INCLUDE = { reviewer: { select: { name: true } }, claim: { select: { createdAt: true, canonical: true, via: true, tags: true, version: true } } } satisfies Prisma.PublishedClaimInclude;
type PublishedRow = Prisma.PublishedClaimGetPayload<{ include: typeof PUBLISHED_INCLUDE }>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function fromWorkspaceRow(row: WorkspaceRow): AnnotatedClaim {
  return {
    id: row.id,
    selectors: row.selectors as unknown as AnnotatedClaim["selectors"],
    verdict: row.verdict,
    explanation: row.explanation,
    tags: row.tags,
    sources: row.sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher, publishedAt: day(s.publishedAt), accessedAt: day(s.accessedAt), excerpt: s.excerpt, stance: s.stance })),
    creatorName: row.author.name,
    created: row.createdAt,
    modified: row.updatedAt,
    canonical: row.canonical,
    via: row.via,
  };
}

function fromPublishedRow(row: PublishedRow): AnnotatedClaim {
  const sources = (Array.isArray(row.sources) ? row.sources : []) as unknown as AnnotationSource[];
  return {
    id: row.claimId,
    selectors: row.selectors as unknown as AnnotatedClaim["selectors"],
    verdict: row.verdict,
    explanation: row.explanation,
    // The snapshot keeps no tags; the claim's own are the approved ones unless a revision is pending.
    tags: row.claim.version === row.claimVersion ? row.claim.tags : [],
    sources: sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher ?? null, publishedAt: s.publishedAt ?? null, accessedAt: s.accessedAt ?? null, excerpt: s.excerpt ?? null, stance: s.stance as TStance })),
    creatorName: row.reviewer.name,
    created: row.claim.createdAt,
    modified: row.approvedAt,
    canonical: row.claim.canonical,
    via: row.claim.via,
  };
}

export type AnnotationListing = { containerLabel: string; total: number; modified: Date | null; items: W3cAnnotation[] };

/** One page (PAGE_SIZE annotations) of the article's container, as this viewer may see it. */
export async function listAnnotations(viewer: SessionUser | null, slug: string, page: number, take: number = PAGE_SIZE): Promise<AnnotationListing> {
  const article = await findArticleHead(slug);
  const prisma = await getPrisma();
  const site = publicSite();
  const label = `Fact checks on “${article.title}”`;
  if (seesWorkspace(viewer)) {
    const where = { articleId: article.id, deletedAt: null };
    const [total, latest, rows] = await Promise.all([
      prisma.claim.count({ where }),
      prisma.claim.aggregate({ where, _max: { updatedAt: true } }),
      take === 0 ? Promise.resolve([]) : prisma.claim.findMany({ where, include: ROW_INCLUDE, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: page * PAGE_SIZE, take }),
    ]);
    return { containerLabel: label, total, modified: latest._max.updatedAt, items: (await attachArchives(prisma, rows.map(fromWorkspaceRow))).map((c) => claimToAnnotation(c, site, slug)) };
  }
  const where = { articleId: article.id, retractedAt: null };
  const [total, latest, rows] = await Promise.all([
    prisma.publishedClaim.count({ where }),
    prisma.publishedClaim.aggregate({ where, _max: { approvedAt: true } }),
    take === 0 ? Promise.resolve([]) : prisma.publishedClaim.findMany({ where, include: PUBLISHED_INCLUDE, orderBy: [{ claim: { createdAt: "asc" } }, { claimId: "asc" }], skip: page * PAGE_SIZE, take }),
  ]);
  return { containerLabel: label, total, modified: latest._max.approvedAt, items: (await attachArchives(prisma, rows.map(fromPublishedRow))).map((c) => claimToAnnotation(c, site, slug)) };
}

export type StoredAnnotation = { annotation: W3cAnnotation; etag: string; claimVersion: number };

const serialize = (annotation: W3cAnnotation) => JSON.stringify(annotation);
const stored = (annotation: W3cAnnotation, claimVersion: number): StoredAnnotation => ({ annotation, etag: etagOf(serialize(annotation)), claimVersion });

export async function getAnnotation(viewer: SessionUser | null, slug: string, claimId: string): Promise<StoredAnnotation> {
  const article = await findArticleHead(slug);
  const prisma = await getPrisma();
  const site = publicSite();
  if (seesWorkspace(viewer)) {
    const row = await prisma.claim.findFirst({ where: { id: claimId, articleId: article.id, deletedAt: null }, include: ROW_INCLUDE });
    if (!row) throw new AppError("NOT_FOUND", "There is no annotation at this address.");
    return stored(claimToAnnotation((await attachArchives(prisma, [fromWorkspaceRow(row)]))[0], site, slug), row.version);
  }
  const row = await prisma.publishedClaim.findFirst({ where: { claimId, articleId: article.id, retractedAt: null }, include: PUBLISHED_INCLUDE });
  if (!row) throw new AppError("NOT_FOUND", "There is no annotation at this address.");
  return stored(claimToAnnotation((await attachArchives(prisma, [fromPublishedRow(row)]))[0], site, slug), row.claimVersion);
}

// ---------------------------------------------------------------------------------------------
// Placing an incoming annotation on the article.

export type DraftPlan = { selectors: [Selector, Selector]; quote: string; fields: TClaimFields; canonical: string | null; via: string | null };
export type PlanRefusal = { kind: "refused" | "needs-recheck" | "orphaned" | "other-document"; reason: string };

/** The documents an annotation on this article may name as its target. */
function ownTargets(article: ArticleForAnnotations, site: PublicSite): string[] {
  return [articleUrl(site, article.slug), ...(article.sourceUrl ? [article.sourceUrl] : [])];
}

const normalizeUrl = (u: string) => u.replace(/#.*$/, "").replace(/\/+$/, "");

export function planDraft(article: ArticleForAnnotations, incoming: IncomingAnnotation, site: PublicSite): { ok: true; plan: DraftPlan } | { ok: false; refusal: PlanRefusal } {
  const own = ownTargets(article, site).map(normalizeUrl);
  const foreign = incoming.targetSources.find((s) => !own.includes(normalizeUrl(s)));
  if (incoming.targetSources.length === 0 || foreign !== undefined) {
    return { ok: false, refusal: { kind: "other-document", reason: `The annotation targets ${foreign ?? "no document"}, not this article (${own[0]}).` } };
  }
  if (incoming.selectors.length === 0) return { ok: false, refusal: { kind: "refused", reason: "The target has no TextQuoteSelector or TextPositionSelector, so there are no words to place it on." } };
  const fields = ZClaimFields.safeParse(incoming.fields);
  if (!fields.success) {
    const issue = fields.error.issues[0];
    return { ok: false, refusal: { kind: "refused", reason: `${issue?.path.join(".") || "claim"}: ${issue?.message ?? "invalid"}` } };
  }
  const result = anchor(article.text, incoming.selectors);
  if (result.status === "needs-recheck") return { ok: false, refusal: { kind: "needs-recheck", reason: "needs-recheck: the words match more than one place, or only roughly; a person must place this claim." } };
  if (result.status === "orphaned") return { ok: false, refusal: { kind: "orphaned", reason: "orphaned: the words are not in the article's current text." } };
  const quote = article.text.slice(result.start, result.end);
  if (!quote.trim()) return { ok: false, refusal: { kind: "refused", reason: "The target selects only spaces." } };
  if (quote.length > MAX_QUOTE_LENGTH) return { ok: false, refusal: { kind: "refused", reason: `A claim can cover at most ${MAX_QUOTE_LENGTH.toLocaleString("en")} characters.` } };
  const described = describeSpan(article.text, result.start, result.end);
  return { ok: true, plan: { selectors: [described.quote, described.position], quote, fields: fields.data, canonical: incoming.canonical, via: incoming.via ?? incoming.id } };
}

type Tx = Prisma.TransactionClient;

/** Writes drafts in the caller's transaction, in three statements however many there are. */
async function insertDrafts(tx: Tx, actor: SessionUser, article: ArticleForAnnotations, plans: DraftPlan[]): Promise<string[]> {
  const now = new Date();
  const rows = plans.map((plan) => ({ id: randomUUID(), plan }));
  await tx.claim.createMany({
    data: rows.map(({ id, plan }) => ({
      id,
      articleId: article.id,
      articleVersionId: article.versionId,
      selectors: plan.selectors as unknown as Prisma.InputJsonValue,
      quote: plan.quote,
      verdict: plan.fields.verdict,
      explanation: plan.fields.explanation,
      tags: plan.fields.tags,
      authorId: actor.id,
      updatedById: actor.id,
      canonical: plan.canonical,
      via: plan.via,
      createdAt: now,
    })),
  });
  const sources = rows.flatMap(({ id, plan }) => sourceRows(plan.fields.sources).map((s) => ({ ...s, claimId: id })));
  if (sources.length) await tx.source.createMany({ data: sources });
  await tx.claimEvent.createMany({
    data: rows.map(({ id, plan }) => ({
      claimId: id,
      actorId: actor.id,
      type: "CREATED",
      after: { quote: plan.quote, verdict: plan.fields.verdict, explanation: plan.fields.explanation, tags: plan.fields.tags, state: "DRAFT", version: 1, sources: plan.fields.sources, via: plan.via, canonical: plan.canonical } as Prisma.InputJsonValue,
    })),
  });
  return rows.map((r) => r.id);
}

function refusalError(refusal: PlanRefusal): AppError {
  return new AppError("UNPROCESSABLE", refusal.reason, undefined, { reason: refusal.kind });
}

/** POST to the container: a DRAFT claim by the actor. The server assigns the IRI; canonical and via are kept. */
export async function createAnnotation(actor: SessionUser, slug: string, body: unknown): Promise<StoredAnnotation & { id: string; location: string }> {
  assertCanReview(actor);
  const parsed = parseW3cAnnotation(body);
  if (!parsed.ok) throw new AppError("INVALID", parsed.reason);
  const article = await findArticle(slug);
  const site = publicSite();
  const planned = planDraft(article, parsed.value, site);
  if (!planned.ok) throw refusalError(planned.refusal);
  const prisma = await getPrisma();
  const [id] = await prisma.$transaction(async (tx) => {
    await assertCurrentVersion(tx, article);
    return insertDrafts(tx, actor, article, [planned.plan]);
  });
  const created = await getAnnotation(actor, slug, id!);
  return { ...created, id: id!, location: annotationUrl(site, slug, id!) };
}

/** The text was anchored on the latest version; a version saved meanwhile means anchoring again. */
async function assertCurrentVersion(tx: Tx, article: ArticleForAnnotations): Promise<void> {
  const latest = await tx.articleVersion.findFirst({ where: { articleId: article.id }, orderBy: { number: "desc" }, select: { id: true } });
  if (latest?.id !== article.versionId) throw new AppError("CONFLICT", "The article changed while the annotation was being placed; send it again.");
}

/** Checks If-Match against what this actor sees now: 428 without it, 412 when stale. */
async function currentForWrite(actor: SessionUser, slug: string, claimId: string, ifMatchHeader: string | null): Promise<StoredAnnotation> {
  assertCanReview(actor);
  if (ifMatchHeader === null) throw new AppError("PRECONDITION_REQUIRED", "Send If-Match with the ETag you read, so a change made since is not overwritten.");
  const current = await getAnnotation(actor, slug, claimId);
  if (!ifMatch(ifMatchHeader, current.etag)) throw new AppError("PRECONDITION_FAILED", "The annotation changed since you read it (its ETag differs); GET it again and retry.");
  return current;
}

/** PUT: replaces the claim's body through the claims service (all workflow rules hold). The target cannot move. */
export async function replaceAnnotation(actor: SessionUser, slug: string, claimId: string, body: unknown, ifMatchHeader: string | null): Promise<StoredAnnotation> {
  const parsed = parseW3cAnnotation(body);
  if (!parsed.ok) throw new AppError("INVALID", parsed.reason);
  const current = await currentForWrite(actor, slug, claimId, ifMatchHeader);
  const article = await findArticle(slug);
  const site = publicSite();
  const own = ownTargets(article, site).map(normalizeUrl);
  const foreign = parsed.value.targetSources.find((s) => !own.includes(normalizeUrl(s)));
  if (foreign !== undefined) throw refusalError({ kind: "other-document", reason: `The annotation targets ${foreign}, not this article (${own[0]}).` });
  const currentQuote = (current.annotation.target as { selector: [{ exact: string }] }).selector[0].exact;
  const newQuote = parsed.value.selectors.find((s) => s.type === "TextQuoteSelector");
  if (newQuote && newQuote.exact !== currentQuote) {
    throw new AppError("UNPROCESSABLE", "An annotation's target cannot be moved to other words; create a new annotation for them.", undefined, { reason: "target-changed" });
  }
  const fields = ZClaimFields.safeParse(parsed.value.fields);
  if (!fields.success) throw new AppError("INVALID", fields.error.issues[0]?.message ?? "Invalid claim fields.");
  await updateClaim(actor, claimId, { version: current.claimVersion, fields: fields.data });
  return getAnnotation(actor, slug, claimId);
}

export async function deleteAnnotation(actor: SessionUser, slug: string, claimId: string, ifMatchHeader: string | null): Promise<void> {
  const current = await currentForWrite(actor, slug, claimId, ifMatchHeader);
  await deleteClaim(actor, claimId, current.claimVersion);
}

// ---------------------------------------------------------------------------------------------
// Import (the workspace's Import annotations): a report first, then every draft in one transaction.

export type ImportReport = {
  create: { index: number; quote: string }[];
  needsRecheck: { index: number; quote: string | null; reason: string }[];
  refused: { index: number; quote: string | null; reason: string }[];
  duplicates: { index: number; quote: string | null; reason: string }[];
};

async function planImport(actor: SessionUser, slug: string, document: unknown): Promise<{ article: ArticleForAnnotations; report: ImportReport; plans: DraftPlan[] }> {
  assertCanReview(actor);
  const read = readImportDocument(document);
  if ("error" in read) throw new AppError("INVALID", read.error);
  const article = await findArticle(slug);
  const site = publicSite();
  const report: ImportReport = { create: [], needsRecheck: [], refused: [], duplicates: [] };
  const plans: DraftPlan[] = [];
  const prisma = await getPrisma();
  const identities = read.items.flatMap((i) => (i.parsed.ok ? [i.parsed.value.canonical, i.parsed.value.via ?? i.parsed.value.id] : [])).filter((x): x is string => !!x);
  const existing = identities.length
    ? await prisma.claim.findMany({ where: { articleId: article.id, deletedAt: null, OR: [{ canonical: { in: identities } }, { via: { in: identities } }] }, select: { canonical: true, via: true } })
    : [];
  const seen = new Set(existing.flatMap((e) => [e.canonical, e.via]).filter((x): x is string => !!x));
  for (const item of read.items) {
    if (!item.parsed.ok) {
      report.refused.push({ index: item.index, quote: item.quote, reason: item.parsed.reason });
      continue;
    }
    const keys = [item.parsed.value.canonical, item.parsed.value.via ?? item.parsed.value.id].filter((x): x is string => !!x);
    if (keys.some((k) => seen.has(k))) {
      report.duplicates.push({ index: item.index, quote: item.quote, reason: "Already imported (same canonical, via or Hypothesis id)." });
      continue;
    }
    const planned = planDraft(article, item.parsed.value, site);
    if (!planned.ok) {
      const entry = { index: item.index, quote: item.quote, reason: planned.refusal.reason };
      if (planned.refusal.kind === "needs-recheck" || planned.refusal.kind === "orphaned") report.needsRecheck.push(entry);
      else report.refused.push(entry);
      continue;
    }
    keys.forEach((k) => seen.add(k));
    plans.push(planned.plan);
    report.create.push({ index: item.index, quote: planned.plan.quote });
  }
  return { article, report, plans };
}

/** What an import would do, without writing anything. */
export async function previewImport(actor: SessionUser, slug: string, document: unknown): Promise<ImportReport> {
  return (await planImport(actor, slug, document)).report;
}

/** Writes the drafts of an import in one transaction; needs-recheck and refused items are not written. */
export async function commitImport(actor: SessionUser, slug: string, document: unknown): Promise<ImportReport & { created: number }> {
  const { article, report, plans } = await planImport(actor, slug, document);
  if (plans.length === 0) return { ...report, created: 0 };
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    await assertCurrentVersion(tx, article);
    await insertDrafts(tx, actor, article, plans);
  }, { timeout: 30_000 });
  return { ...report, created: plans.length };
}

/** The whole article as one AnnotationCollection for Export annotations (every annotation embedded). */
export async function exportAnnotations(actor: SessionUser, slug: string): Promise<{ label: string; total: number; modified: Date | null; items: W3cAnnotation[] }> {
  assertCanReview(actor);
  const article = await findArticleHead(slug);
  const prisma = await getPrisma();
  const rows = await prisma.claim.findMany({ where: { articleId: article.id, deletedAt: null }, include: ROW_INCLUDE, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const site = publicSite();
  const items = (await attachArchives(prisma, rows.map(fromWorkspaceRow))).map((c) => claimToAnnotation(c, site, slug));
  const modified = rows.reduce<Date | null>((m, r) => (m && m > r.updatedAt ? m : r.updatedAt), null);
  return { label: `Fact checks on “${article.title}”`, total: items.length, modified, items };
}
