import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TClaimFields } from "@/lib/validation/claims";
import { decide, type TWorkflowAction } from "@/lib/workflow/state-machine";
import { notifyEditors } from "@/lib/workflow/notify";
import { editableClaimWhere } from "./access";
import type { ClaimDto } from "./claim-dto";
import { CLAIM_INCLUDE, claimSnapshot, toClaimDto } from "./claim-rows";
import { queueSnapshots } from "@/lib/snapshots/take-snapshot";
import { sourceRows } from "./write-sources";
import { publishClaimChange } from "@/lib/live/publish";

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export async function currentText(tx: Tx, articleId: string): Promise<string> {
  const latest = await tx.articleVersion.findFirst({ where: { articleId }, orderBy: { number: "desc" }, select: { plainText: true } });
  return latest?.plainText ?? "";
}

/**
 * Why a conditional write matched no row: the claim is gone (404), not the actor's to change (403),
 * or someone saved in between (409, with the fresh claim so the user can compare and retry).
 */
async function explainRefusal(tx: Tx, actor: SessionUser, id: string, action: Extract<TWorkflowAction, "edit" | "delete">): Promise<never> {
  const row = await tx.claim.findFirst({ where: { id, deletedAt: null }, include: { ...CLAIM_INCLUDE, published: { select: { claimId: true } } } });
  if (!row) throw new AppError("NOT_FOUND", "This claim no longer exists; it may have been deleted.");
  const decision = decide(action, row.state, { role: actor.role, isAuthor: row.authorId === actor.id });
  if (!decision.ok) throw new AppError(decision.kind === "forbidden" ? "FORBIDDEN" : "CONFLICT", decision.message);
  if (action === "delete" && row.published) throw new AppError("CONFLICT", "This check is published; retract it instead of deleting it.");
  const fresh = toClaimDto(row, actor, await currentText(tx, row.articleId));
  throw new AppError("CONFLICT", `${row.updatedBy.name} saved this claim after you opened it. Your changes were not saved; compare them with the current version below and save again.`, undefined, { current: fresh });
}

export async function updateClaim(actor: SessionUser, id: string, input: { version: number; fields: TClaimFields }): Promise<ClaimDto> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.claim.findFirst({ where: { id, ...editableClaimWhere(actor) }, include: CLAIM_INCLUDE });
    // The version check and the ownership rule are both in the WHERE of the write itself.
    const updated = await tx.claim.updateMany({
      where: { id, version: input.version, ...editableClaimWhere(actor), ...(before ? { state: before.state } : {}) },
      data: {
        // Editing an approved claim makes a pending revision: readers keep the PublishedClaim
        // snapshot until an editor approves this one (the publish lock, issue 5).
        ...(before?.state === "APPROVED" ? { state: "SUBMITTED" as const, submittedAt: new Date() } : {}),
        verdict: input.fields.verdict,
        explanation: input.fields.explanation,
        tags: input.fields.tags,
        updatedById: actor.id,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0 || !before) return explainRefusal(tx, actor, id, "edit");
    await tx.source.deleteMany({ where: { claimId: id } });
    await tx.claim.update({ where: { id }, data: { sources: { create: sourceRows(input.fields.sources) } } });
    // Only addresses new to this claim: an edit that keeps its sources adds no work to the transaction.
    const added = input.fields.sources.map((s) => s.url).filter((url) => !before.sources.some((b) => b.url === url));
    if (added.length) await queueSnapshots(tx, added);
    const row = await tx.claim.findUniqueOrThrow({ where: { id }, include: CLAIM_INCLUDE });
    await tx.claimEvent.create({ data: { claimId: id, actorId: actor.id, type: "UPDATED", before: claimSnapshot(before), after: claimSnapshot(row) } });
    if (before.state === "APPROVED") await notifyEditors(tx, actor, row, `${actor.name} revised the approved claim “${row.quote}”; the revision waits for review.`);
    await publishClaimChange(tx, actor, row, "updated");
    return toClaimDto(row, actor, await currentText(tx, row.articleId));
  });
}

export async function deleteClaim(actor: SessionUser, id: string, version: number): Promise<void> {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const before = await tx.claim.findFirst({ where: { id, ...editableClaimWhere(actor, "delete") }, include: CLAIM_INCLUDE });
    const deleted = await tx.claim.updateMany({
      where: { id, version, ...editableClaimWhere(actor, "delete") },
      data: { deletedAt: new Date(), updatedById: actor.id, version: { increment: 1 } },
    });
    if (deleted.count === 0 || !before) return explainRefusal(tx, actor, id, "delete");
    await tx.claimEvent.create({ data: { claimId: id, actorId: actor.id, type: "DELETED", before: claimSnapshot(before) } });
    // The state before deletion decides who hears it: whoever could see the claim learns it is gone.
    await publishClaimChange(tx, actor, { ...before, version: before.version + 1 }, "deleted");
  });
}
