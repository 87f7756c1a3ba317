import { beforeEach, describe, expect, it } from "vitest";
import { claimFields, QUOTE, seededClaimsDb } from "@/lib/testing/claims-fixture";
import { codeOf } from "@/lib/testing/code-of";
import type { SessionUser } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { createClaim } from "./create-claim";
import { deleteClaim, updateClaim } from "./update-claim";
import { getReviewWorkspace } from "./get-workspace";
import type { TClaimFields } from "@/lib/validation/claims";

const db = seededClaimsDb();
const fields = claimFields;

const span = () => ({ start: db.text.indexOf(QUOTE), end: db.text.indexOf(QUOTE) + QUOTE.length });
const newClaim = (by: SessionUser) => createClaim(by, { articleVersionId: db.versionId, ...span(), fields: fields() });

// Who may change or delete a reviewer's draft: its author, editors and admins.
/** Creating a claim and opening the workspace: everyone but a reader. */
const REVIEW_MATRIX = [
  ["reader", "FORBIDDEN"],
  ["reviewer", "OK"],
  ["reviewer2", "OK"],
  ["editor", "OK"],
  ["admin", "OK"],
] as const;

const WRITE_MATRIX = [
  ["reader", "FORBIDDEN"],
  ["reviewer (author)", "OK"],
  ["reviewer2 (not author)", "FORBIDDEN"],
  ["editor", "OK"],
  ["admin", "OK"],
] as const;

describe("claim services: authorization matrix", () => {
  let claimId = "";
  let version = 1;
  beforeEach(async () => {
    const c = await newClaim(db.users.reviewer);
    claimId = c.id;
    version = c.version;
  });

  it.each(REVIEW_MATRIX)("create as %s → %s", async (who, expected) => {
    expect(await codeOf(newClaim(db.users[who]))).toBe(expected);
  });

  it.each(REVIEW_MATRIX)("read the workspace as %s → %s", async (who, expected) => {
    const slug = (await db.t.db.prisma.article.findFirstOrThrow()).slug;
    expect(await codeOf(getReviewWorkspace(db.users[who], slug))).toBe(expected);
  });

  it.each(WRITE_MATRIX)("update someone's draft as %s → %s", async (who, expected) => {
    const actor = db.users[who.split(" ")[0]];
    expect(await codeOf(updateClaim(actor, claimId, { version, fields: fields({ verdict: "FALSE" }) }))).toBe(expected);
    const row = await db.t.db.prisma.claim.findUniqueOrThrow({ where: { id: claimId } });
    expect(row.verdict).toBe(expected === "OK" ? "FALSE" : "DISPUTED");
  });

  it.each(WRITE_MATRIX)("delete someone's draft as %s → %s", async (who, expected) => {
    const actor = db.users[who.split(" ")[0]];
    expect(await codeOf(deleteClaim(actor, claimId, version))).toBe(expected);
    const row = await db.t.db.prisma.claim.findUniqueOrThrow({ where: { id: claimId } });
    expect(row.deletedAt !== null).toBe(expected === "OK");
  });

  it("a reviewer cannot change their own claim once it is with the editors", async () => {
    await db.t.db.prisma.claim.update({ where: { id: claimId }, data: { state: "SUBMITTED" } });
    expect(await codeOf(updateClaim(db.users.reviewer, claimId, { version, fields: fields() }))).toBe("FORBIDDEN");
    expect(await codeOf(deleteClaim(db.users.reviewer, claimId, version))).toBe("FORBIDDEN");
    expect(await codeOf(updateClaim(db.users.editor, claimId, { version, fields: fields() }))).toBe("OK");
  });

  it("the workspace tells each user what they may edit", async () => {
    const slug = (await db.t.db.prisma.article.findFirstOrThrow()).slug;
    const mine = (await getReviewWorkspace(db.users.reviewer, slug)).claims.find((c) => c.id === claimId)!;
    const theirs = (await getReviewWorkspace(db.users.reviewer2, slug)).claims.find((c) => c.id === claimId)!;
    expect(mine.canEdit).toBe(true);
    expect(theirs.canEdit).toBe(false);
    expect(mine.placement).toEqual({ status: "placed", ...span() });
  });
});

describe("claim services: version check", () => {
  it("refuses a stale write with the fresh values and keeps the winner's data", async () => {
    const c = await newClaim(db.users.reviewer);
    const first = await updateClaim(db.users.editor, c.id, { version: c.version, fields: fields({ verdict: "FALSE", explanation: "Editor's take." }) });
    expect(first.version).toBe(c.version + 1);
    let conflict: AppError | null = null;
    try {
      await updateClaim(db.users.reviewer, c.id, { version: c.version, fields: fields({ verdict: "ACCURATE", explanation: "Reviewer's take." }) });
    } catch (e) {
      conflict = e as AppError;
    }
    expect(conflict?.code).toBe("CONFLICT");
    expect(conflict?.status).toBe(409);
    expect(conflict?.message).toMatch(/Eddie Editor saved this claim after you opened it/);
    expect((conflict?.details as { current: { verdict: string; version: number } }).current).toMatchObject({ verdict: "FALSE", version: c.version + 1 });
    const row = await db.t.db.prisma.claim.findUniqueOrThrow({ where: { id: c.id }, include: { sources: true } });
    expect(row).toMatchObject({ verdict: "FALSE", explanation: "Editor's take.", version: c.version + 1 });
    expect(row.sources).toHaveLength(1);
  });

  it("of two concurrent writers with the same version exactly one wins", async () => {
    const c = await newClaim(db.users.reviewer);
    const results = await Promise.all(
      ["FALSE", "ACCURATE", "MISLEADING", "MOSTLY_ACCURATE"].map((v) =>
        codeOf(updateClaim(db.users.editor, c.id, { version: c.version, fields: fields({ verdict: v as TClaimFields["verdict"] }) })),
      ),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(results.filter((r) => r === "CONFLICT")).toHaveLength(3);
    expect((await db.t.db.prisma.claim.findUniqueOrThrow({ where: { id: c.id } })).version).toBe(c.version + 1);
  });

  it("records who wrote what in the event log", async () => {
    const c = await newClaim(db.users.reviewer);
    await updateClaim(db.users.editor, c.id, { version: c.version, fields: fields({ verdict: "FALSE" }) });
    const events = await db.t.db.prisma.claimEvent.findMany({ where: { claimId: c.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.type, e.actorId])).toEqual([["CREATED", db.users.reviewer.id], ["UPDATED", db.users.editor.id]]);
    expect(events[1].before).toMatchObject({ verdict: "DISPUTED" });
    expect(events[1].after).toMatchObject({ verdict: "FALSE" });
  });
});

describe("claim services: bad input", () => {
  it.each([
    ["an empty span", { start: 10, end: 10 }, "INVALID"],
    ["a span past the end", { start: 0, end: 10_000_000 }, "INVALID"],
    ["whitespace only", null, "INVALID"],
  ])("refuses %s", async (_name, s, code) => {
    const sp = s ?? { start: db.text.indexOf("\n\n"), end: db.text.indexOf("\n\n") + 2 };
    expect(await codeOf(createClaim(db.users.reviewer, { articleVersionId: db.versionId, ...sp, fields: fields() }))).toBe(code);
  });

  it("refuses an unknown article version and an unknown claim", async () => {
    expect(await codeOf(createClaim(db.users.reviewer, { articleVersionId: "nope", ...span(), fields: fields() }))).toBe("NOT_FOUND");
    expect(await codeOf(updateClaim(db.users.editor, "nope", { version: 1, fields: fields() }))).toBe("NOT_FOUND");
  });
});
