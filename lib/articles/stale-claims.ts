import "server-only";
import { describe as describeSpan } from "@/lib/anchoring";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkSpanBoundaries } from "@/lib/validation/text";
import type { TStaleClaimAction } from "@/lib/validation/articles";
import { decide, STATE_LABELS, type TWorkflowAction } from "@/lib/workflow/state-machine";
import { lockArticle } from "./article-lock";
import { assertCanEditArticles } from "./authorize";

export type StaleClaim = {
  id: string;
  /** The claim version the editor's decision must name. */
  version: number;
  stale: "CHANGED" | "NEEDS_RECHECK";
  state: string;
  /** The words that were checked, before the article changed. */
  oldQuote: string;
  /** The words the claim sits on now (null while it needs re-check). */
  newQuote: string | null;
  published: boolean;
  staleAt: string | null;
};

/** Claims an editor must look at after the article changed (issue 7), oldest change first. */
export async function listStaleClaims(actor: SessionUser | null, slug: string): Promise<StaleClaim[]> {
  assertCanEditArticles(actor);
  const prisma = await getPrisma();
  const rows = await prisma.claim.findMany({
    // A retracted claim is closed: nothing is left to decide about it.
    where: { article: { slug }, deletedAt: null, stale: { not: null }, state: { not: "RETRACTED" } },
    orderBy: [{ staleAt: "asc" }, { createdAt: "asc" }],
    select: { id: true, version: true, stale: true, state: true, quote: true, staleQuote: true, staleAt: true, published: { select: { retractedAt: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    stale: r.stale!,
    state: r.state,
    oldQuote: r.staleQuote ?? r.quote,
    newQuote: r.stale === "CHANGED" ? r.quote : null,
    published: !!r.published && !r.published.retractedAt,
    staleAt: r.staleAt?.toISOString() ?? null,
  }));
}

const WORKFLOW_ACTION = { confirm: "confirmChange", "send-back": "sendBack", reattach: "reattach" } as const satisfies Record<TStaleClaimAction["action"], TWorkflowAction>;

/**
 * An editor's answer to a stale claim:
 * - confirm: the new words still say what was checked (one click). The stale mark goes, and the
 *   published snapshot takes the claim's new words and selectors, so readers no longer see the note.
 * - send-back: the check must be redone. The claim goes back to its reviewer (CHANGES_REQUESTED, with
 *   the reason in its history); readers keep the note until the check is approved again.
 * - reattach: a claim that could not be placed is put on words the editor selected on the current
 *   version. A published claim then still needs a confirm (its words changed); any other claim is done.
 * The workflow state machine decides whether each is allowed (never on a retracted claim), and the
 * write is conditional on the claim version the editor saw, like every transition (issue 12).
 */
export async function resolveStaleClaim(actor: SessionUser | null, slug: string, claimId: string, input: TStaleClaimAction): Promise<StaleClaim | null> {
  const user = assertCanEditArticles(actor);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const claim = await tx.claim.findFirst({
      where: { id: claimId, article: { slug }, deletedAt: null },
      select: { id: true, articleId: true, authorId: true, stale: true, state: true, quote: true, staleQuote: true, selectors: true, version: true, published: { select: { retractedAt: true } } },
    });
    if (!claim) throw new AppError("NOT_FOUND", "That claim does not exist on this article.");
    await lockArticle(tx, claim.articleId);
    const decision = decide(WORKFLOW_ACTION[input.action], claim.state, { role: user.role, isAuthor: claim.authorId === user.id });
    if (!decision.ok && decision.kind === "forbidden") throw new AppError("FORBIDDEN", decision.message);
    if (claim.version !== input.version) {
      throw new AppError("CONFLICT", `This claim changed after you opened the page (it is now ${STATE_LABELS[claim.state].toLowerCase()}). Nothing was done. Reload the page and decide again.`, undefined, { state: claim.state, version: claim.version });
    }
    if (!decision.ok) throw new AppError("CONFLICT", decision.message);
    // The article lock serializes decisions on this article; the condition still guards the row.
    const writeClaim = async (data: Prisma.ClaimUncheckedUpdateManyInput) => {
      const { count } = await tx.claim.updateMany({ where: { id: claim.id, version: input.version, state: claim.state, deletedAt: null }, data: { ...data, version: { increment: 1 }, updatedById: user.id } });
      if (count === 0) throw new AppError("CONFLICT", "This claim changed after you opened the page. Nothing was done. Reload the page and decide again.");
    };
    const published = !!claim.published && !claim.published.retractedAt;
    if (input.action === "confirm") {
      if (claim.stale !== "CHANGED") throw new AppError("CONFLICT", claim.stale ? "This claim is not placed on the new text yet: re-attach it first." : "This claim was already confirmed.");
      await writeClaim({ stale: null, staleQuote: null, staleAt: null });
      if (claim.published) await tx.publishedClaim.update({ where: { claimId: claim.id }, data: { staleAt: null, quote: claim.quote, selectors: claim.selectors ?? undefined } });
      await tx.claimEvent.create({ data: { claimId: claim.id, actorId: user.id, type: "CONFIRMED_AFTER_CHANGE", before: { quote: claim.staleQuote }, after: { quote: claim.quote } } });
      return null;
    }
    if (input.action === "send-back") {
      if (!claim.stale) throw new AppError("CONFLICT", "This claim is not waiting for a decision.");
      await writeClaim({ state: decision.to, ...(claim.stale === "CHANGED" ? { stale: null, staleAt: null } : {}) });
      await tx.claimEvent.create({
        data: { claimId: claim.id, actorId: user.id, type: "SENT_BACK_AFTER_CHANGE", before: { state: claim.state, quote: claim.staleQuote }, after: { state: decision.to, reason: input.reason, quote: claim.quote } },
      });
      return null;
    }
    // reattach
    if (claim.stale !== "NEEDS_RECHECK") throw new AppError("CONFLICT", "Only a claim that needs re-check can be re-attached.");
    const latest = await tx.articleVersion.findFirst({ where: { articleId: claim.articleId }, orderBy: { number: "desc" }, select: { id: true, plainText: true } });
    if (!latest || latest.id !== input.articleVersionId) throw new AppError("CONFLICT", "The article has changed since you opened it. Reload the page and select the words again.");
    const text = latest.plainText;
    if (input.start >= input.end || input.end > text.length || !text.slice(input.start, input.end).trim()) throw new AppError("INVALID", "Select some words of the current article.");
    const spanProblem = checkSpanBoundaries(text, input.start, input.end);
    if (spanProblem) throw new AppError("INVALID", spanProblem);
    const d = describeSpan(text, input.start, input.end);
    const selectors = [d.quote, d.position];
    const oldQuote = claim.staleQuote ?? claim.quote;
    await writeClaim({ articleVersionId: latest.id, selectors, quote: d.quote.exact, ...(published ? { stale: "CHANGED" } : { stale: null, staleQuote: null, staleAt: null }) });
    if (published) await tx.publishedClaim.update({ where: { claimId: claim.id }, data: { selectors } });
    await tx.claimEvent.create({ data: { claimId: claim.id, actorId: user.id, type: "REATTACHED", before: { quote: oldQuote }, after: { quote: d.quote.exact } } });
    return published ? { id: claim.id, version: claim.version + 1, stale: "CHANGED", state: claim.state, oldQuote, newQuote: d.quote.exact, published, staleAt: new Date().toISOString() } : null;
  });
}
