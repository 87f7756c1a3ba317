// The editorial workflow's one state machine (issue 5). Pure and client-safe: services ask it
// whether an action is allowed and what state follows; the claim page asks it which buttons to show.
//
//   DRAFT ──submit──▶ SUBMITTED ──approve──▶ APPROVED ──retract──▶ RETRACTED
//                       ▲   │                   │
//   CHANGES_REQUESTED ◀─┘   └─requestChanges    └─edit──▶ SUBMITTED (a pending revision; readers
//        └──submit────▶ SUBMITTED                          keep the approved one until approval)
//
// A pending revision of a published check may be retracted too (issue 20, item 1): SUBMITTED ──retract──▶
// RETRACTED, which withdraws the published check and closes the revision with a note in its history.
//
// After the article's words change under a claim (issue 7), an editor decides: confirmChange and
// reattach keep the state; sendBack returns the check to its reviewer. None of them applies to a
// RETRACTED claim: it is closed, and sending it back was a side door to publishing it again (issue 12).
import type { TReviewState } from "@/lib/claims/claim-dto";
import type { TRole } from "@/lib/auth/roles";

export const REVIEW_STATES: readonly TReviewState[] = ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "RETRACTED"];
export const WORKFLOW_ACTIONS = ["submit", "approve", "requestChanges", "retract", "edit", "delete", "confirmChange", "sendBack", "reattach"] as const;
export type TWorkflowAction = (typeof WORKFLOW_ACTIONS)[number];
/** The actions that are transitions (POST /api/claims/:id/transitions). */
export const TRANSITION_ACTIONS = ["submit", "approve", "requestChanges", "retract"] as const;
export type TTransitionAction = (typeof TRANSITION_ACTIONS)[number];

export const STATE_LABELS: Record<TReviewState, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  RETRACTED: "Retracted",
};

export type WorkflowActor = {
  role: TRole;
  /** The actor wrote the claim. */
  isAuthor: boolean;
  /** The actor made the claim's latest change (an edit or a submission): their own work, too. */
  isLastEditor?: boolean;
};

/** Facts about the claim beyond its state. */
export type ClaimFacts = {
  /** Readers are served an approved, unretracted check of this claim (a SUBMITTED claim is then a pending revision). */
  published?: boolean;
};

/** `forbidden`: the actor may never do this here (403); `state`: not from this state (409). */
export type Decision = { ok: true; to: TReviewState } | { ok: false; kind: "forbidden" | "state"; message: string };

const editorial = (role: TRole) => role === "EDITOR" || role === "ADMIN";
const canReview = (role: TRole) => role === "REVIEWER" || editorial(role);

/** Where each action may start, and where it leads. */
const FROM: Record<TWorkflowAction, Partial<Record<TReviewState, TReviewState>>> = {
  submit: { DRAFT: "SUBMITTED", CHANGES_REQUESTED: "SUBMITTED" },
  approve: { SUBMITTED: "APPROVED" },
  requestChanges: { SUBMITTED: "CHANGES_REQUESTED" },
  retract: { APPROVED: "RETRACTED" },
  // Editing keeps the state, except that an approved claim's edit becomes a pending revision.
  edit: { DRAFT: "DRAFT", CHANGES_REQUESTED: "CHANGES_REQUESTED", SUBMITTED: "SUBMITTED", APPROVED: "SUBMITTED" },
  delete: { DRAFT: "DRAFT", CHANGES_REQUESTED: "CHANGES_REQUESTED", SUBMITTED: "SUBMITTED" },
  confirmChange: { DRAFT: "DRAFT", SUBMITTED: "SUBMITTED", CHANGES_REQUESTED: "CHANGES_REQUESTED", APPROVED: "APPROVED" },
  // An approved claim sent back stays published (with the "changed after this check" note) until approved again.
  sendBack: { DRAFT: "CHANGES_REQUESTED", SUBMITTED: "CHANGES_REQUESTED", CHANGES_REQUESTED: "CHANGES_REQUESTED", APPROVED: "CHANGES_REQUESTED" },
  reattach: { DRAFT: "DRAFT", SUBMITTED: "SUBMITTED", CHANGES_REQUESTED: "CHANGES_REQUESTED", APPROVED: "APPROVED" },
};

const STATE_MESSAGES: Record<TWorkflowAction, string> = {
  submit: "Only a draft or a claim sent back for changes can be submitted for review.",
  approve: "Only a submitted claim can be approved.",
  requestChanges: "Only a submitted claim can be sent back for changes.",
  retract: "Only an approved claim, or a pending revision of one, can be retracted.",
  edit: "A retracted claim is closed and cannot be edited.",
  delete: "An approved or retracted claim cannot be deleted; retract it instead.",
  confirmChange: "A retracted claim is closed: there is nothing to confirm.",
  sendBack: "A retracted claim is closed and cannot be sent back; write a new claim instead.",
  reattach: "A retracted claim is closed and cannot be re-attached.",
};

/** Who may do what, whatever the state. Returns a refusal message, or null when allowed. */
function refuseActor(action: TWorkflowAction, a: WorkflowActor): string | null {
  if (!canReview(a.role)) return "Only reviewers, editors and admins can work on claims.";
  switch (action) {
    case "submit":
      return a.isAuthor ? null : "Only the claim's author can submit it for review.";
    case "approve":
      if (!editorial(a.role)) return "Only an editor can approve a claim.";
      if (a.isAuthor) return "No one approves their own claim: another editor has to approve it.";
      if (a.isLastEditor) return "You made the latest change to this claim, so another editor has to approve it.";
      return null;
    case "requestChanges":
      return editorial(a.role) ? null : "Only an editor can send a claim back for changes.";
    case "retract":
      return editorial(a.role) ? null : "Only an editor can retract a published check.";
    case "edit":
    case "delete":
      return a.isAuthor || editorial(a.role) ? null : "Only the claim's author or an editor can change this claim.";
    case "confirmChange":
    case "sendBack":
    case "reattach":
      return editorial(a.role) ? null : "Only an editor can decide about a claim whose words changed.";
  }
}

export function decide(action: TWorkflowAction, state: TReviewState, actor: WorkflowActor, facts: ClaimFacts = {}): Decision {
  const refused = refuseActor(action, actor);
  if (refused) return { ok: false, kind: "forbidden", message: refused };
  // A reviewer works on their claim only while it is with them.
  if ((action === "edit" || action === "delete") && !editorial(actor.role) && state !== "DRAFT" && state !== "CHANGES_REQUESTED") {
    return { ok: false, kind: "forbidden", message: "This claim is with the editors now, so you cannot change it." };
  }
  // Retracting a pending revision withdraws its published check; a never-published submission has nothing to withdraw.
  const to = action === "retract" && state === "SUBMITTED" && facts.published ? "RETRACTED" : FROM[action][state];
  if (!to) return { ok: false, kind: "state", message: `${STATE_MESSAGES[action]} This claim is ${STATE_LABELS[state].toLowerCase()}.` };
  return { ok: true, to };
}

/** The states an action may start from for this actor: the same rule as a Prisma `state: { in }` filter. */
export function statesAllowing(action: TWorkflowAction, actor: WorkflowActor): TReviewState[] {
  return REVIEW_STATES.filter((s) => decide(action, s, actor).ok);
}

/** Transitions a reason is required for: readers and reviewers are owed the why. */
export function needsReason(action: TWorkflowAction): boolean {
  return action === "requestChanges" || action === "retract";
}
