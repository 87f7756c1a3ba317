import type { Prisma } from "@/lib/generated/prisma/client";
import { hasRole, REVIEW_ROLES, type SessionUser } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import type { TReviewState } from "./claim-dto";

// Who may do what to a claim. Editors and admins edit anyone's claim; a reviewer edits and deletes
// only their own, and only while it is with them (a draft, or sent back with changes requested).
export const REVIEWER_EDITABLE_STATES: readonly TReviewState[] = ["DRAFT", "CHANGES_REQUESTED"];

export function isEditorial(actor: SessionUser): boolean {
  return actor.role === "EDITOR" || actor.role === "ADMIN";
}

export function assertCanReview(actor: SessionUser): void {
  if (!hasRole(actor, REVIEW_ROLES)) throw new AppError("FORBIDDEN", "Only reviewers, editors and admins can work on claims.");
}

export function canEditClaim(actor: SessionUser, claim: { authorId: string; state: TReviewState; deletedAt: Date | null }): boolean {
  if (claim.deletedAt) return false;
  if (isEditorial(actor)) return true;
  return actor.role === "REVIEWER" && claim.authorId === actor.id && REVIEWER_EDITABLE_STATES.includes(claim.state);
}

/** The same rule as canEditClaim, as a Prisma filter, so a write can never touch a row the actor may not edit. */
export function editableClaimWhere(actor: SessionUser): Prisma.ClaimWhereInput {
  if (isEditorial(actor)) return { deletedAt: null };
  if (actor.role !== "REVIEWER") return { id: { in: [] } };
  return { deletedAt: null, authorId: actor.id, state: { in: [...REVIEWER_EDITABLE_STATES] } };
}
