import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPostgresDatabase, type TestDatabase } from "@/lib/testing/databases";
import { closeDb } from "@/lib/db/client";
import { seedDatabase } from "@/lib/seed/seed";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { createClaim } from "./create-claim";
import { deleteClaim, updateClaim } from "./update-claim";
import { getReviewWorkspace } from "./get-workspace";
import type { TClaimFields } from "@/lib/validation/claims";

let t: TestDatabase;
const users: Record<string, SessionUser> = {};
let versionId = "";
let text = "";
const QUOTE = "at least 116 civilians";

const fields = (over: Partial<TClaimFields> = {}): TClaimFields => ({
  verdict: "DISPUTED",
  explanation: "SOHR counts 116; the Palmyra Coordination Committee counts 67.",
  tags: ["casualties"],
  sources: [{ url: "https://www.syriahr.com/en/", title: "SOHR report", publisher: "SOHR", publishedAt: "2015-10-23", accessedAt: null, excerpt: "at least 116", stance: "SUPPORTS" }],
  ...over,
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

beforeAll(async () => {
  t = await createPostgresDatabase();
  process.env.DATABASE_URL = t.url;
  await seedDatabase(t.db.prisma, { demoUsers: true });
  for (const u of await t.db.prisma.user.findMany()) users[u.email.split("@")[0]] = { id: u.id, name: u.name, email: u.email, role: u.role as TRole };
  const v = await t.db.prisma.articleVersion.findFirstOrThrow();
  versionId = v.id;
  text = v.plainText;
});

afterAll(async () => {
  await closeDb();
  await t?.drop();
});

const span = () => ({ start: text.indexOf(QUOTE), end: text.indexOf(QUOTE) + QUOTE.length });
const newClaim = (by: SessionUser) => createClaim(by, { articleVersionId: versionId, ...span(), fields: fields() });

describe("claim services: authorization matrix", () => {
  let claimId = "";
  let version = 1;
  beforeEach(async () => {
    const c = await newClaim(users.reviewer);
    claimId = c.id;
    version = c.version;
  });

  it.each([
    ["reader", "FORBIDDEN"],
    ["reviewer", "OK"],
    ["reviewer2", "OK"],
    ["editor", "OK"],
    ["admin", "OK"],
  ])("create as %s → %s", async (who, expected) => {
    expect(await codeOf(newClaim(users[who]))).toBe(expected);
  });

  it.each([
    ["reader", "FORBIDDEN"],
    ["reviewer", "OK"],
    ["reviewer2", "OK"],
    ["editor", "OK"],
    ["admin", "OK"],
  ])("read the workspace as %s → %s", async (who, expected) => {
    const slug = (await t.db.prisma.article.findFirstOrThrow()).slug;
    expect(await codeOf(getReviewWorkspace(users[who], slug))).toBe(expected);
  });

  it.each([
    ["reader", "FORBIDDEN"],
    ["reviewer (author)", "OK"],
    ["reviewer2 (not author)", "FORBIDDEN"],
    ["editor", "OK"],
    ["admin", "OK"],
  ])("update someone's draft as %s → %s", async (who, expected) => {
    const actor = users[who.split(" ")[0]];
    expect(await codeOf(updateClaim(actor, claimId, { version, fields: fields({ verdict: "FALSE" }) }))).toBe(expected);
    const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { id: claimId } });
    expect(row.verdict).toBe(expected === "OK" ? "FALSE" : "DISPUTED");
  });

  it.each([
    ["reader", "FORBIDDEN"],
    ["reviewer (author)", "OK"],
    ["reviewer2 (not author)", "FORBIDDEN"],
    ["editor", "OK"],
    ["admin", "OK"],
  ])("delete someone's draft as %s → %s", async (who, expected) => {
    const actor = users[who.split(" ")[0]];
    expect(await codeOf(deleteClaim(actor, claimId, version))).toBe(expected);
    const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { id: claimId } });
    expect(row.deletedAt !== null).toBe(expected === "OK");
  });

  it("a reviewer cannot change their own claim once it is with the editors", async () => {
    await t.db.prisma.claim.update({ where: { id: claimId }, data: { state: "SUBMITTED" } });
    expect(await codeOf(updateClaim(users.reviewer, claimId, { version, fields: fields() }))).toBe("FORBIDDEN");
    expect(await codeOf(deleteClaim(users.reviewer, claimId, version))).toBe("FORBIDDEN");
    expect(await codeOf(updateClaim(users.editor, claimId, { version, fields: fields() }))).toBe("OK");
  });

  it("the workspace tells each user what they may edit", async () => {
    const slug = (await t.db.prisma.article.findFirstOrThrow()).slug;
    const mine = (await getReviewWorkspace(users.reviewer, slug)).claims.find((c) => c.id === claimId)!;
    const theirs = (await getReviewWorkspace(users.reviewer2, slug)).claims.find((c) => c.id === claimId)!;
    expect(mine.canEdit).toBe(true);
    expect(theirs.canEdit).toBe(false);
    expect(mine.placement).toEqual({ status: "placed", ...span() });
  });
});

describe("claim services: version check", () => {
  it("refuses a stale write with the fresh values and keeps the winner's data", async () => {
    const c = await newClaim(users.reviewer);
    const first = await updateClaim(users.editor, c.id, { version: c.version, fields: fields({ verdict: "FALSE", explanation: "Editor's take." }) });
    expect(first.version).toBe(c.version + 1);
    let conflict: AppError | null = null;
    try {
      await updateClaim(users.reviewer, c.id, { version: c.version, fields: fields({ verdict: "ACCURATE", explanation: "Reviewer's take." }) });
    } catch (e) {
      conflict = e as AppError;
    }
    expect(conflict?.code).toBe("CONFLICT");
    expect(conflict?.status).toBe(409);
    expect(conflict?.message).toMatch(/Eddie Editor saved this claim after you opened it/);
    expect((conflict?.details as { current: { verdict: string; version: number } }).current).toMatchObject({ verdict: "FALSE", version: c.version + 1 });
    const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { id: c.id }, include: { sources: true } });
    expect(row).toMatchObject({ verdict: "FALSE", explanation: "Editor's take.", version: c.version + 1 });
    expect(row.sources).toHaveLength(1);
  });

  it("of two concurrent writers with the same version exactly one wins", async () => {
    const c = await newClaim(users.reviewer);
    const results = await Promise.all(
      ["FALSE", "ACCURATE", "MISLEADING", "MOSTLY_ACCURATE"].map((v) =>
        codeOf(updateClaim(users.editor, c.id, { version: c.version, fields: fields({ verdict: v as TClaimFields["verdict"] }) })),
      ),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(results.filter((r) => r === "CONFLICT")).toHaveLength(3);
    expect((await t.db.prisma.claim.findUniqueOrThrow({ where: { id: c.id } })).version).toBe(c.version + 1);
  });

  it("records who wrote what in the event log", async () => {
    const c = await newClaim(users.reviewer);
    await updateClaim(users.editor, c.id, { version: c.version, fields: fields({ verdict: "FALSE" }) });
    const events = await t.db.prisma.claimEvent.findMany({ where: { claimId: c.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.type, e.actorId])).toEqual([["CREATED", users.reviewer.id], ["UPDATED", users.editor.id]]);
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
    const sp = s ?? { start: text.indexOf("\n\n"), end: text.indexOf("\n\n") + 2 };
    expect(await codeOf(createClaim(users.reviewer, { articleVersionId: versionId, ...sp, fields: fields() }))).toBe(code);
  });

  it("refuses an unknown article version and an unknown claim", async () => {
    expect(await codeOf(createClaim(users.reviewer, { articleVersionId: "nope", ...span(), fields: fields() }))).toBe("NOT_FOUND");
    expect(await codeOf(updateClaim(users.editor, "nope", { version: 1, fields: fields() }))).toBe("NOT_FOUND");
  });
});
