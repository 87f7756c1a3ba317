import { describe, expect, it } from "vitest";
import { claimFields, QUOTE, seededClaimsDb } from "@/lib/testing/claims-fixture";
import type { SessionUser } from "@/lib/auth/roles";
import { createClaim } from "@/lib/claims/create-claim";
import { updateClaim } from "@/lib/claims/update-claim";
import { listPublishedClaims } from "@/lib/publishing/list-published";
import { PENDING_REVISION_CLOSED, transitionClaim } from "./transition-claim";
import { getClaimPage } from "./get-claim-page";
import { listNotifications } from "./notifications";
import { setAssignments } from "./assign-article";
import { codeOf } from "@/lib/testing/code-of";

// Issue 20: the dead ends of the core flows, one test each.

const db = seededClaimsDb();

const newClaim = (by: SessionUser = db.users.reviewer) =>
  createClaim(by, { articleVersionId: db.versionId, start: db.text.indexOf(QUOTE), end: db.text.indexOf(QUOTE) + QUOTE.length, fields: claimFields() });

async function approvedClaim() {
  const c = await newClaim();
  const s = await transitionClaim(db.users.reviewer, c.id, { action: "submit", version: c.version });
  return transitionClaim(db.users.editor, c.id, { action: "approve", version: s.version });
}

describe("item 1: retracting while a revision is pending", () => {
  it("withdraws the published check with its reason and closes the revision with a note", async () => {
    const approved = await approvedClaim();
    const revision = await updateClaim(db.users.admin, approved.id, { version: approved.version, fields: claimFields({ explanation: "A revision." }) });
    expect(revision.state).toBe("SUBMITTED");
    expect((await getClaimPage(db.users.editor, approved.id)).actions).toContain("retract");

    const retracted = await transitionClaim(db.users.editor, approved.id, { action: "retract", version: revision.version, reason: "The source was withdrawn." });
    expect(retracted.state).toBe("RETRACTED");
    expect((await listPublishedClaims(db.slug)).find((p) => p.claimId === approved.id)?.retraction).toMatchObject({ reason: "The source was withdrawn." });
    const last = (await getClaimPage(db.users.editor, approved.id)).history.at(-1)!;
    expect(last.type).toBe("RETRACTED");
    expect(last.changes).toContainEqual({ field: "note", label: "Note", from: null, to: PENDING_REVISION_CLOSED });
    // Closed for good: the revision cannot be approved into a published check again.
    expect(await codeOf(transitionClaim(db.users.admin, approved.id, { action: "approve", version: retracted.version }))).toBe("CONFLICT");
  });

  it("still refuses to retract a submission that was never published", async () => {
    const c = await newClaim();
    const s = await transitionClaim(db.users.reviewer, c.id, { action: "submit", version: c.version });
    expect((await getClaimPage(db.users.editor, c.id)).actions).not.toContain("retract");
    expect(await codeOf(transitionClaim(db.users.editor, c.id, { action: "retract", version: s.version, reason: "x" }))).toBe("CONFLICT");
  });
});

describe("item 3: assignments", () => {
  it("tells someone removed from an article's assignment, like someone added", async () => {
    await setAssignments(db.users.editor, db.slug, [db.users.reviewer.id, db.users.reviewer2.id]);
    expect((await listNotifications(db.users.reviewer2))[0]).toMatchObject({ type: "ASSIGNED" });
    await setAssignments(db.users.editor, db.slug, [db.users.reviewer.id]);
    expect((await listNotifications(db.users.reviewer2))[0]).toMatchObject({ type: "UNASSIGNED", message: expect.stringMatching(/removed you from the article/) });
    expect((await listNotifications(db.users.reviewer))[0]).not.toMatchObject({ type: "UNASSIGNED" });
  });
});

describe("item 2: the queue beyond one page", () => {
  it("pages by keyset with the total; approvals between pages skip and repeat nothing", async () => {
    const { listReviewQueue } = await import("./list-queue");
    const prisma = await (await import("@/lib/db/client")).getPrisma();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await approvedClaimSubmittedOnly()).id);
    const mine = { reviewer: db.users.reviewer2.id };
    const first = await listReviewQueue(db.users.editor, mine, undefined, 3);
    expect(first.total).toBe(7);
    expect(first.items.map((i) => i.id)).toEqual(ids.slice(0, 3));
    // Two claims of the first page are approved while the editor reads it.
    await prisma.claim.updateMany({ where: { id: { in: ids.slice(0, 2) } }, data: { state: "APPROVED" } });
    const second = await listReviewQueue(db.users.editor, mine, first.nextCursor!, 3);
    expect(second.items.map((i) => i.id)).toEqual(ids.slice(3, 6));
    expect(second.total).toBe(5);
    const third = await listReviewQueue(db.users.editor, mine, second.nextCursor!, 3);
    expect(third.items.map((i) => i.id)).toEqual(ids.slice(6));
    expect(third.nextCursor).toBeNull();
    // An unreadable cursor starts over rather than failing.
    expect((await listReviewQueue(db.users.editor, mine, "garbage", 3)).items[0].id).toBe(ids[2]);
  });
});

async function approvedClaimSubmittedOnly() {
  const c = await newClaim(db.users.reviewer2);
  return transitionClaim(db.users.reviewer2, c.id, { action: "submit", version: c.version });
}
