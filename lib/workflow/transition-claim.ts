import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { CLAIM_INCLUDE, claimSnapshot, toClaimDto, type ClaimRow } from "@/lib/claims/claim-rows";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { lockArticle } from "@/lib/articles/article-lock";
import { currentText, type Tx } from "@/lib/claims/update-claim";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TTransition } from "@/lib/validation/workflow";
import { notifyEditors, notifyUser } from "./notify";
import { publishClaimChange } from "@/lib/live/publish";
import { decide, STATE_LABELS, type TTransitionAction } from "./state-machine";

/**
 * Retracting while a revision waits closes the revision (issue 20, item 1; docs/decisions.md): a
 * retracted claim is closed for good, so keeping the revision as a draft would be a way to publish
 * the withdrawn check again.
 */
export const PENDING_REVISION_CLOSED = "The revision waiting for review was closed unreviewed: the check was withdrawn.";

const EVENT_TYPE: Record<TTransitionAction, string> = { submit: "SUBMITTED", approve: "APPROVED", requestChanges: "CHANGES_REQUESTED", retract: "RETRACTED" };

/** What readers are served: the approved revision, frozen (PublishedClaim is the publish lock). */
function publishedSnapshot(row: ClaimRow, approver: SessionUser, now: Date) {
  const { sources } = claimSnapshot(row);
  return {
    articleId: row.articleId,
    claimVersion: row.version,
    selectors: row.selectors as object,
    quote: row.quote,
    verdict: row.verdict,
    explanation: row.explanation,
    sources,
    reviewerId: row.authorId,
    approvedById: approver.id,
    approvedAt: now,
    retractedAt: null,
    retractedById: null,
    retractionReason: null,
  };
}

async function conflict(tx: Tx, actor: SessionUser, id: string): Promise<never> {
  const row = await tx.claim.findFirst({ where: { id, deletedAt: null }, include: CLAIM_INCLUDE });
  if (!row) throw new AppError("NOT_FOUND", "This claim no longer exists; it may have been deleted.");
  const current = toClaimDto(row, actor, await currentText(tx, row.articleId));
  throw new AppError(
    "CONFLICT",
    `${row.updatedBy.name} changed this claim after you opened it; it is now ${STATE_LABELS[row.state].toLowerCase()}. Nothing was done. Check the current version and try again if it still applies.`,
    undefined,
    { current },
  );
}

/**
 * Moves a claim through the workflow. The state machine decides; the write is conditional on the
 * version the user read (and the state it implies), so of two editors acting at once exactly one
 * succeeds and the other gets a 409 with the current claim.
 */
export async function transitionClaim(actor: SessionUser, id: string, input: TTransition): Promise<ClaimDto> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const row = await tx.claim.findFirst({ where: { id, deletedAt: null }, include: CLAIM_INCLUDE });
    if (!row) throw new AppError("NOT_FOUND", "This claim no longer exists; it may have been deleted.");
    const who = { role: actor.role, isAuthor: row.authorId === actor.id, isLastEditor: row.updatedById === actor.id };
    const live = await tx.publishedClaim.findFirst({ where: { claimId: id, retractedAt: null }, select: { claimId: true } });
    const decision = decide(input.action, row.state, who, { published: live !== null });
    if (!decision.ok && decision.kind === "forbidden") throw new AppError("FORBIDDEN", decision.message);
    if (row.version !== input.version) return conflict(tx, actor, id);
    if (!decision.ok) throw new AppError("CONFLICT", decision.message);
    const reason = input.reason?.trim() || null;
    if ((input.action === "requestChanges" || input.action === "retract") && !reason) throw new AppError("INVALID", "Give a reason.", { reason: ["Give a reason."] });

    // Approving and withdrawing change what readers see: article lock first (lib/articles/article-lock.ts).
    if (input.action === "approve" || input.action === "retract") await lockArticle(tx, row.articleId);
    const now = new Date();
    const updated = await tx.claim.updateMany({
      where: { id, version: input.version, state: row.state, deletedAt: null },
      data: { state: decision.to, version: { increment: 1 }, updatedById: actor.id, ...(decision.to === "SUBMITTED" ? { submittedAt: now } : {}) },
    });
    if (updated.count === 0) return conflict(tx, actor, id);
    const after = await tx.claim.findUniqueOrThrow({ where: { id }, include: CLAIM_INCLUDE });

    if (input.action === "approve") {
      const snapshot = publishedSnapshot(after, actor, now);
      await tx.publishedClaim.upsert({ where: { claimId: id }, create: { claimId: id, ...snapshot }, update: snapshot });
    } else if (input.action === "retract") {
      await tx.publishedClaim.updateMany({ where: { claimId: id }, data: { retractedAt: now, retractedById: actor.id, retractionReason: reason } });
    }

    await tx.claimEvent.create({
      data: {
        claimId: id,
        actorId: actor.id,
        type: EVENT_TYPE[input.action],
        before: { state: row.state, version: row.version },
        after: {
          state: after.state,
          version: after.version,
          ...(reason ? { reason } : {}),
          ...(input.action === "retract" && row.state === "SUBMITTED" ? { note: PENDING_REVISION_CLOSED } : {}),
        },
      },
    });

    const quote = `“${after.quote}”`;
    if (input.action === "submit") await notifyEditors(tx, actor, after, `${actor.name} submitted ${quote} for review.`);
    else if (input.action === "approve") await notifyUser(tx, actor, after.authorId, "APPROVED", `${actor.name} approved your claim ${quote}.`, id);
    else if (input.action === "requestChanges") await notifyUser(tx, actor, after.authorId, "CHANGES_REQUESTED", `${actor.name} requested changes to your claim ${quote}: ${reason}`, id);
    else await notifyUser(tx, actor, after.authorId, "RETRACTED", `${actor.name} retracted your claim ${quote}: ${reason}`, id);

    await publishClaimChange(tx, actor, after, "state");
    return toClaimDto(after, actor, await currentText(tx, after.articleId));
  });
}
