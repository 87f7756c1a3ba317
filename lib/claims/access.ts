import type { Prisma } from "@/lib/generated/prisma/client";
import { hasRole, REVIEW_ROLES, type SessionUser } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { decide, statesAllowing, type TWorkflowAction } from "@/lib/workflow/state-machine";
import type { TReviewState } from "./claim-dto";

// Who may do what to a claim. Editors and admins edit anyone's claim; a reviewer edits and deletes
// only their own, and only while it is with them (a draft, or sent back with changes requested).
// The rules themselves live in lib/workflow/state-machine.ts; this file turns them into checks and
// Prisma filters.
export const REVIEWER_EDITABLE_STATES: readonly TReviewState[] = statesAllowing("edit", { role: "REVIEWER", isAuthor: true });

export function isEditorial(actor: Pick<SessionUser, "role">): boolean {
  return actor.role === "EDITOR" || actor.role === "ADMIN";
}

export function assertCanReview(actor: SessionUser): void {
  if (!hasRole(actor, REVIEW_ROLES)) throw new AppError("FORBIDDEN", "Only reviewers, editors and admins can work on claims.");
}

/**
 * Which claims a user sees in the review workspace (and therefore in the live stream, issue 15):
 * reviewers, editors and admins see every live claim on an article; readers see none (they read
 * PublishedClaim snapshots). The Prisma filter and the pure check must stay the same rule.
 */
export function visibleClaimWhere(actor: Pick<SessionUser, "role">): Prisma.ClaimWhereInput {
  return hasRole(actor, REVIEW_ROLES) ? { deletedAt: null } : { id: { in: [] } };
}

export function canSeeClaim(actor: Pick<SessionUser, "role">, claim: { authorId: string; state: TReviewState; deletedAt: Date | null }): boolean {
  return hasRole(actor, REVIEW_ROLES) && claim.deletedAt === null;
}

export function canEditClaim(actor: SessionUser, claim: { authorId: string; state: TReviewState; deletedAt: Date | null }): boolean {
  if (claim.deletedAt) return false;
  return decide("edit", claim.state, { role: actor.role, isAuthor: claim.authorId === actor.id }).ok;
}

/** The same rule as canEditClaim (or the delete rule), as a Prisma filter, so a write can never touch a row the actor may not change. */
export function editableClaimWhere(actor: SessionUser, action: Extract<TWorkflowAction, "edit" | "delete"> = "edit"): Prisma.ClaimWhereInput {
  if (!hasRole(actor, REVIEW_ROLES)) return { id: { in: [] } };
  // A published check is withdrawn by retracting it, never by deleting it.
  const published: Prisma.ClaimWhereInput = action === "delete" ? { published: { is: null } } : {};
  if (isEditorial(actor)) return { deletedAt: null, state: { in: statesAllowing(action, { role: actor.role, isAuthor: false }) }, ...published };
  return { deletedAt: null, authorId: actor.id, state: { in: statesAllowing(action, { role: actor.role, isAuthor: true }) }, ...published };
}
