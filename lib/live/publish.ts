import "server-only";
// Publishing a live event (issue 15): one statement inserts the event into the replay window and
// calls pg_notify with it, inside the caller's transaction. PostgreSQL delivers a NOTIFY only when
// its transaction commits, so a rolled-back write announces nothing, and every instance's relay
// (lib/live/relay.ts) hears it. PGlite implements the same semantics in process.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/claims/update-claim";
import type { ClaimRow } from "@/lib/claims/claim-rows";
import type { SessionUser } from "@/lib/auth/roles";
import type { TReviewState } from "@/lib/claims/claim-dto";
import { LIVE_CHANNEL, type LiveEvent, type TClaimChange } from "./events";

type NewEvent = Omit<LiveEvent, "id">;

/** The tail of every publishing statement: the inserted event (CTE `e`) goes out with pg_notify. */
const RETURNING_EVENT = Prisma.sql`RETURNING "id", "type", "articleId", "claimId", "userId", "data"`;
const NOTIFY_EVENT = Prisma.sql`SELECT pg_notify(${LIVE_CHANNEL}, json_build_object('id', e."id"::text, 'type', e."type", 'articleId', e."articleId", 'claimId', e."claimId", 'userId', e."userId", 'data', e."data")::text) FROM e`;

export async function publishLive(tx: Tx, event: NewEvent): Promise<void> {
  // NOTIFY payloads are limited to 8000 bytes; events carry ids, counts and names, never texts.
  await tx.$executeRaw`
    WITH e AS (
      INSERT INTO "LiveEvent" ("type", "articleId", "claimId", "userId", "data")
      VALUES (${event.type}, ${event.articleId}, ${event.claimId}, ${event.userId}, ${JSON.stringify(event.data)}::jsonb)
      ${RETURNING_EVENT}
    )
    ${NOTIFY_EVENT}`;
}

export type PresenceRow = { streamId: string; userId: string; articleId: string; instance: string };

/**
 * A workspace stream joins or leaves an article: the presence row and the event with everyone
 * still here, in ONE statement (its own transaction). Streams open and close all the time; an
 * interactive transaction per stream would queue behind the app's writes on the embedded database.
 */
export async function writePresence(prisma: PrismaClient, p: PresenceRow, join: boolean, ttlSeconds: number): Promise<void> {
  const change = join
    ? Prisma.sql`INSERT INTO "LivePresence" ("id", "userId", "articleId", "instance") VALUES (${p.streamId}, ${p.userId}, ${p.articleId}, ${p.instance}) RETURNING "id"`
    : Prisma.sql`DELETE FROM "LivePresence" WHERE "id" = ${p.streamId} RETURNING "id"`;
  // A data-modifying CTE's rows are invisible to the rest of the statement, so the joining user is added by hand.
  await prisma.$executeRaw`
    WITH changed AS (${change}),
    here AS (
      SELECT u."id", u."name" FROM "User" u
      WHERE u."active" AND (
        u."id" IN (SELECT "userId" FROM "LivePresence" WHERE "articleId" = ${p.articleId} AND "id" <> ${p.streamId} AND "seenAt" > now() - make_interval(secs => ${ttlSeconds}::int))
        OR (${join}::boolean AND u."id" = ${p.userId})
      )
    ),
    e AS (
      INSERT INTO "LiveEvent" ("type", "articleId", "data")
      SELECT 'presence', ${p.articleId}, jsonb_build_object('users', coalesce((SELECT jsonb_agg(jsonb_build_object('id', "id", 'name', "name") ORDER BY "name") FROM here), '[]'::jsonb))
      FROM (SELECT count(*) AS n FROM changed) c
      ${RETURNING_EVENT}
    )
    ${NOTIFY_EVENT}`;
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
