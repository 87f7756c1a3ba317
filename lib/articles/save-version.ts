import "server-only";
import { publishLive } from "@/lib/live/publish";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { byteLength, MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "@/lib/import/limits";
import { lockArticle } from "./article-lock";
import { assertCanEditArticles } from "./authorize";
import { checkDocShape, plainText, ZArticleDoc, type TArticleDoc } from "./document";
import { normalizeDoc } from "./normalize-doc";
import { planReanchor, type ClaimOutcome, type TSelectors } from "./reanchor-plan";

/** What re-anchoring did on one save; stored on the version and shown as the "Re-anchoring report". */
export type ReanchorReport = {
  moved: number;
  changed: number;
  needsRecheck: number;
  /** The claims a person must look at, with their words before and after. */
  claims: { id: string; outcome: "changed" | "needs-recheck"; oldQuote: string; newQuote: string | null }[];
  ms: number;
};

export type SavedVersion = { slug: string; version: { id: string; number: number }; report: ReanchorReport };

type Tx = Prisma.TransactionClient;

/** JSON with sorted keys: jsonb does not keep key order, so documents are compared this way. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** Parses an editor's document: tidied, then checked strictly against the allowed node types. */
/**
 * normalizeDoc tidies an editor document before it is validated (empty text nodes, adjacent marks),
 * so it meets whatever the client sent: a child that is null, or text that is not a string, makes it
 * throw, and that is bad input, not a bug.
 */
function normalizeUntrusted(raw: TArticleDoc): unknown {
  try {
    return normalizeDoc(raw);
  } catch {
    throw new AppError("INVALID", "The document is not in the editor's format: every block and piece of text must be an object of a known type.");
  }
}

export function parseEditedDoc(raw: unknown): TArticleDoc {
  // Before anything recursive walks it: 2,000 nested blockquotes overflowed the stack (issue 12).
  checkDocShape(raw);
  const candidate = raw && typeof raw === "object" && Array.isArray((raw as TArticleDoc).content) ? normalizeUntrusted(raw as TArticleDoc) : raw;
  const parsed = ZArticleDoc.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID", `The document contains something Factmark cannot store${issue ? ` (${issue.path.join(".")}: ${issue.message})` : ""}.`);
  }
  if (!parsed.data.content.length) throw new AppError("INVALID", "The article cannot be empty.");
  return parsed.data;
}

/**
 * Saves a new version of an article (issue 7): never an in-place change. In the same transaction,
 * every live claim is re-anchored on the new text (lib/anchoring reanchor): moved claims follow their
 * words, changed claims sit on the new words and become stale (their published snapshot too, so
 * readers see "The article changed here after this check"), and claims that cannot be placed keep
 * their old version and selectors and go to "Needs re-check". No claim is ever deleted.
 */
export async function saveArticleVersion(
  actor: SessionUser | null,
  slug: string,
  input: { baseVersionId: string; doc: unknown; correctionNote: string | null },
  opts: { restoredFromNumber?: number; onProgress?: (progress: SaveProgress) => void } = {},
): Promise<SavedVersion> {
  const user = assertCanEditArticles(actor);
  const doc = parseEditedDoc(input.doc);
  const text = plainText(doc);
  if (byteLength(text) > MAX_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The article is larger than ${MAX_IMPORT_LABEL}.`);
  const prisma = await getPrisma();
  const article = await prisma.article.findUnique({ where: { slug }, select: { id: true } });
  if (!article) throw new AppError("NOT_FOUND", "There is no article at this address.");

  return prisma.$transaction(
    async (tx) => {
      // One save at a time per article: the second waits here, then sees it is out of date.
      await lockArticle(tx, article.id);
      const latest = await tx.articleVersion.findFirst({ where: { articleId: article.id }, orderBy: { number: "desc" }, select: { id: true, number: true, plainText: true, doc: true } });
      if (!latest) throw new AppError("NOT_FOUND", "This article has no text yet.");
      if (latest.id !== input.baseVersionId) {
        throw new AppError("CONFLICT", `Someone saved version ${latest.number} while you were editing. Reload the page to edit the newest version.`);
      }
      if (latest.plainText === text && stableJson(latest.doc) === stableJson(doc) && !input.correctionNote && opts.restoredFromNumber === undefined) {
        throw new AppError("INVALID", "Nothing changed: edit the text or add a correction note before saving.");
      }
      const started = performance.now();
      const version = await tx.articleVersion.create({
        data: { articleId: article.id, number: latest.number + 1, plainText: text, doc, authorId: user.id, correctionNote: input.correctionNote, restoredFromNumber: opts.restoredFromNumber ?? null },
        select: { id: true, number: true },
      });
      const report = await reanchorClaims(tx, user, article.id, version, text, opts.onProgress);
      report.ms = Math.round(performance.now() - started);
      await tx.articleVersion.update({ where: { id: version.id }, data: { reanchorReport: report } });
      await tx.article.update({ where: { id: article.id }, data: { updatedAt: new Date() } });
      // Open workspaces learn that their text is out of date, and their claims moved (issue 15).
      await publishLive(tx, { type: "version", articleId: article.id, claimId: null, userId: null, data: { number: version.number, actor: { id: user.id, name: user.name } } });
      return { slug, version, report };
    },
    { timeout: 60_000, maxWait: 20_000 },
  );
}

/** Claims re-anchored between two progress reports (issue 20, item 6). */
export const REANCHOR_BATCH = 100;
export type SaveProgress = { done: number; total: number };

async function reanchorClaims(
  tx: Tx,
  actor: SessionUser,
  articleId: string,
  version: { id: string; number: number },
  newText: string,
  onProgress?: (progress: SaveProgress) => void,
): Promise<ReanchorReport> {
  // Claims already waiting for a person keep their old version and selectors until re-attached.
  const claims = await tx.claim.findMany({
    where: { articleId, deletedAt: null, OR: [{ stale: null }, { stale: "CHANGED" }], NOT: { articleVersionId: version.id } },
    select: { id: true, articleVersionId: true, selectors: true, quote: true },
  });
  const byVersion = new Map<string, typeof claims>();
  for (const c of claims) byVersion.set(c.articleVersionId, [...(byVersion.get(c.articleVersionId) ?? []), c]);
  const texts = await tx.articleVersion.findMany({ where: { id: { in: [...byVersion.keys()] } }, select: { id: true, plainText: true } });
  const textOf = new Map(texts.map((t) => [t.id, t.plainText]));
  const outcomes: ClaimOutcome[] = [];
  onProgress?.({ done: 0, total: claims.length });
  for (const [versionId, group] of byVersion) {
    for (let i = 0; i < group.length; i += REANCHOR_BATCH) {
      const batch = group.slice(i, i + REANCHOR_BATCH);
      outcomes.push(...planReanchor(textOf.get(versionId) ?? "", newText, batch.map((c) => ({ id: c.id, selectors: c.selectors as unknown as TSelectors, quote: c.quote }))));
      onProgress?.({ done: outcomes.length, total: claims.length });
      // Let the response stream flush the report between batches.
      if (onProgress) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await applyOutcomes(tx, actor, version, outcomes);
  const report: ReanchorReport = { moved: 0, changed: 0, needsRecheck: 0, claims: [], ms: 0 };
  for (const o of outcomes) {
    if (o.outcome === "moved") report.moved++;
    else if (o.outcome === "changed") {
      report.changed++;
      report.claims.push({ id: o.id, outcome: "changed", oldQuote: o.oldQuote, newQuote: o.quote });
    } else {
      report.needsRecheck++;
      report.claims.push({ id: o.id, outcome: "needs-recheck", oldQuote: o.oldQuote, newQuote: null });
    }
  }
  return report;
}

/** Writes every outcome with a few set-based statements, so 1,000 claims cost about as much as one. */
async function applyOutcomes(tx: Tx, actor: SessionUser, version: { id: string; number: number }, outcomes: ClaimOutcome[]): Promise<void> {
  const placed = outcomes
    .filter((o) => o.outcome !== "needs-recheck")
    .map((o) => ({ id: o.id, selectors: o.selectors, quote: o.quote, changed: o.outcome === "changed", old_quote: o.outcome === "changed" ? o.oldQuote : null }));
  const lost = outcomes.filter((o) => o.outcome === "needs-recheck").map((o) => o.id);
  if (placed.length) {
    const rows = JSON.stringify(placed);
    await tx.$executeRaw`
      UPDATE "Claim" AS c SET
        "articleVersionId" = ${version.id},
        "selectors" = v.selectors,
        "quote" = v.quote,
        "stale" = CASE WHEN v.changed THEN 'CHANGED'::"ClaimStale" ELSE c."stale" END,
        "staleQuote" = CASE WHEN v.changed THEN COALESCE(c."staleQuote", v.old_quote) ELSE c."staleQuote" END,
        "staleAt" = CASE WHEN v.changed THEN COALESCE(c."staleAt", now()) ELSE c."staleAt" END
      FROM jsonb_to_recordset(${rows}::jsonb) AS v(id text, selectors jsonb, quote text, changed boolean, old_quote text)
      WHERE c.id = v.id`;
    // Readers' snapshot follows its words; when the words changed it keeps the checked quote and is marked stale.
    await tx.$executeRaw`
      UPDATE "PublishedClaim" AS p SET
        "selectors" = v.selectors,
        "quote" = CASE WHEN v.changed OR p."staleAt" IS NOT NULL THEN p.quote ELSE v.quote END,
        "staleAt" = CASE WHEN v.changed THEN COALESCE(p."staleAt", now()) ELSE p."staleAt" END
      FROM jsonb_to_recordset(${rows}::jsonb) AS v(id text, selectors jsonb, quote text, changed boolean, old_quote text)
      WHERE p."claimId" = v.id`;
  }
  if (lost.length) {
    const ids = JSON.stringify(lost);
    await tx.$executeRaw`
      UPDATE "Claim" SET "stale" = 'NEEDS_RECHECK'::"ClaimStale", "staleQuote" = COALESCE("staleQuote", "quote"), "staleAt" = COALESCE("staleAt", now())
      WHERE id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`;
    await tx.$executeRaw`
      UPDATE "PublishedClaim" SET "staleAt" = COALESCE("staleAt", now())
      WHERE "claimId" IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`;
  }
  const events = outcomes
    .filter((o) => o.outcome !== "moved")
    .map((o) => ({
      claimId: o.id,
      actorId: actor.id,
      type: "REANCHORED",
      before: { quote: o.oldQuote },
      after: { outcome: o.outcome, articleVersion: version.number, quote: o.outcome === "changed" ? o.quote : null },
    }));
  if (events.length) await tx.claimEvent.createMany({ data: events });
}
