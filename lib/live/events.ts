// The live event stream's vocabulary (issue 15). Client-safe: the browser's EventSource handler
// and the server share these types.
import type { TReviewState } from "@/lib/claims/claim-dto";

/** What happened to a claim; "moved" is a new article version re-anchoring it. */
export type TClaimChange = "created" | "updated" | "deleted" | "state" | "moved" | "commented";

export type ClaimEventData = {
  change: TClaimChange;
  version: number;
  state: TReviewState;
  authorId: string;
  actor: { id: string; name: string };
  /** Claims waiting for an editor after this write; sent to editors and admins only. */
  queueCount?: number;
};
export type NotificationEventData = { unread: number };
export type PresenceEventData = { users: { id: string; name: string }[] };
export type AssignmentEventData = { slug: string; reviewerIds: string[] };
export type VersionEventData = { number: number; actor: { id: string; name: string } };

export type LiveEvent =
  | { id: string; type: "claim"; articleId: string; claimId: string; userId: null; data: ClaimEventData }
  | { id: string; type: "notification"; articleId: null; claimId: null; userId: string; data: NotificationEventData }
  | { id: string; type: "presence"; articleId: string; claimId: null; userId: null; data: PresenceEventData }
  | { id: string; type: "assignment"; articleId: string; claimId: null; userId: null; data: AssignmentEventData }
  | { id: string; type: "version"; articleId: string; claimId: null; userId: null; data: VersionEventData };

export type LiveEventType = LiveEvent["type"];

/** The NOTIFY channel every instance listens on. */
export const LIVE_CHANNEL = "factmark_live";
