import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { assertCanReview } from "@/lib/claims/access";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TComment } from "@/lib/validation/workflow";
import { notifyUser } from "./notify";
import { publishClaimChange } from "@/lib/live/publish";

export type CommentDto = { id: string; body: string; author: { id: string; name: string }; createdAt: string };

/**
 * Appends to a claim's thread. A comment changes nothing about the claim, so it carries no version:
 * two people commenting at once both get their comment in, which is what a thread should do.
 */
export async function addComment(actor: SessionUser, claimId: string, input: TComment): Promise<CommentDto> {
  assertCanReview(actor);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const claim = await tx.claim.findFirst({ where: { id: claimId, deletedAt: null }, select: { id: true, authorId: true, quote: true, articleId: true, version: true, state: true } });
    if (!claim) throw new AppError("NOT_FOUND", "This claim no longer exists; it may have been deleted.");
    const row = await tx.claimComment.create({ data: { claimId, authorId: actor.id, body: input.body }, include: { author: { select: { id: true, name: true } } } });
    await tx.claimEvent.create({ data: { claimId, actorId: actor.id, type: "COMMENTED", after: { comment: input.body } } });
    await notifyUser(tx, actor, claim.authorId, "COMMENTED", `${actor.name} commented on your claim “${claim.quote}”: ${input.body}`, claimId);
    await publishClaimChange(tx, actor, claim, "commented");
    return { id: row.id, body: row.body, author: row.author, createdAt: row.createdAt.toISOString() };
  });
}
