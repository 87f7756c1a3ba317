import "server-only";
// Publishing a live event (issue 15): one statement inserts the event into the replay window and
// calls pg_notify with it, inside the caller's transaction. PostgreSQL delivers a NOTIFY only when
// its transaction commits, so a rolled-back write announces nothing, and every instance's relay
// (lib/live/relay.ts) hears it. PGlite implements the same semantics in process.
import type { Tx } from "@/lib/claims/update-claim";
import type { ClaimRow } from "@/lib/claims/claim-rows";
import type { SessionUser } from "@/lib/auth/roles";
import type { TReviewState } from "@/lib/claims/claim-dto";
import { LIVE_CHANNEL, type LiveEvent, type TClaimChange } from "./events";

type NewEvent = Omit<LiveEvent, "id">;

export async function publishLive(tx: Tx, event: NewEvent): Promise<void> {
  // NOTIFY payloads are limited to 8000 bytes; events carry ids, counts and names, never texts.
  await tx.$executeRaw`
    WITH e AS (
      INSERT INTO "LiveEvent" ("type", "articleId", "claimId", "userId", "data")
      VALUES (${event.type}, ${event.articleId}, ${event.claimId}, ${event.userId}, ${JSON.stringify(event.data)}::jsonb)
      RETURNING "id", "type", "articleId", "claimId", "userId", "data"
    )
    SELECT pg_notify(${LIVE_CHANNEL}, json_build_object('id', e."id"::text, 'type', e."type", 'articleId', e."articleId", 'claimId', e."claimId", 'userId', e."userId", 'data', e."data")::text)
    FROM e`;
}

/** A claim changed: everyone who may see it learns its new version and state (and editors the queue count). */
export async function publishClaimChange(
  tx: Tx,
  actor: SessionUser,
  claim: Pick<ClaimRow, "id" | "articleId" | "authorId" | "version"> & { state: TReviewState },
  change: TClaimChange,
): Promise<void> {
  const queueCount = await tx.claim.count({ where: { deletedAt: null, state: "SUBMITTED" } });
  await publishLive(tx, {
    type: "claim",
    articleId: claim.articleId,
    claimId: claim.id,
    userId: null,
    data: { change, version: claim.version, state: claim.state, authorId: claim.authorId, actor: { id: actor.id, name: actor.name }, queueCount },
  });
}

/** A user's unread count changed: only they hear it. */
export async function publishUnreadCount(tx: Tx, userIds: string[]): Promise<void> {
  for (const userId of userIds) {
    const unread = await tx.notification.count({ where: { userId, readAt: null } });
    await publishLive(tx, { type: "notification", articleId: null, claimId: null, userId, data: { unread } });
  }
}
