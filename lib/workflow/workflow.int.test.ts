import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { claimFields, QUOTE, seededClaimsDb } from "@/lib/testing/claims-fixture";
import { codeOf } from "@/lib/testing/code-of";
import type { SessionUser } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { createClaim } from "@/lib/claims/create-claim";
import { deleteClaim, updateClaim } from "@/lib/claims/update-claim";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { listPublishedClaims } from "@/lib/publishing/list-published";
import { transitionClaim } from "./transition-claim";
import { addComment } from "./add-comment";
import { getClaimPage } from "./get-claim-page";
import { countReviewQueue, listReviewQueue } from "./list-queue";
import { listNotifications } from "./notifications";
import { setAssignments } from "./assign-article";
import { getReviewerHome } from "./get-reviewer-home";

const db = seededClaimsDb();
const fields = claimFields;

const newClaim = (by: SessionUser = db.users.reviewer) =>
  createClaim(by, { articleVersionId: db.versionId, start: db.text.indexOf(QUOTE), end: db.text.indexOf(QUOTE) + QUOTE.length, fields: fields() });
const submitted = async () => {
  const c = await newClaim();
  return transitionClaim(db.users.reviewer, c.id, { action: "submit", version: c.version });
};

describe("workflow: the happy path and the publish lock", () => {
  it("submit → request changes → resubmit → approve publishes a snapshot; an edit leaves it alone until approved", async () => {
    const c = await newClaim();
    expect(await listPublishedClaims(db.slug)).not.toContainEqual(expect.objectContaining({ claimId: c.id }));
    let s = await transitionClaim(db.users.reviewer, c.id, { action: "submit", version: c.version });
    expect(s.state).toBe("SUBMITTED");
    expect((await listReviewQueue(db.users.editor, {})).items.map((i) => i.id)).toContain(c.id);
    expect(await countReviewQueue(db.users.editor)).toBeGreaterThan(0);
    expect(await countReviewQueue(db.users.reviewer)).toBeNull();
    expect((await listNotifications(db.users.editor))[0]).toMatchObject({ type: "SUBMITTED", claimId: c.id });

    expect(await codeOf(transitionClaim(db.users.editor, c.id, { action: "requestChanges", version: s.version }))).toBe("INVALID");
    s = await transitionClaim(db.users.editor, c.id, { action: "requestChanges", version: s.version, reason: "Add the 67 count's source." });
    expect(s.state).toBe("CHANGES_REQUESTED");
    expect((await listNotifications(db.users.reviewer))[0]).toMatchObject({ type: "CHANGES_REQUESTED", message: expect.stringContaining("Add the 67 count's source.") });

    s = await updateClaim(db.users.reviewer, c.id, { version: s.version, fields: fields({ explanation: "Two counts: 116 and 67." }) });
    s = await transitionClaim(db.users.reviewer, c.id, { action: "submit", version: s.version });
    expect(await codeOf(transitionClaim(db.users.reviewer, c.id, { action: "approve", version: s.version }))).toBe("FORBIDDEN");
    s = await transitionClaim(db.users.editor, c.id, { action: "approve", version: s.version });
    expect(s.state).toBe("APPROVED");
    const pub = (await listPublishedClaims(db.slug)).find((p) => p.claimId === c.id)!;
    expect(pub).toMatchObject({ claimVersion: s.version, explanation: "Two counts: 116 and 67.", verdict: "DISPUTED", retraction: null });
    expect((await listNotifications(db.users.reviewer))[0]).toMatchObject({ type: "APPROVED" });

    // The publish lock: an editor's edit is a pending revision; readers keep the approved one.
    const edited = await updateClaim(db.users.editor, c.id, { version: s.version, fields: fields({ verdict: "FALSE", explanation: "Revised." }) });
    expect(edited.state).toBe("SUBMITTED");
    expect((await listPublishedClaims(db.slug)).find((p) => p.claimId === c.id)).toMatchObject({ verdict: "DISPUTED", explanation: "Two counts: 116 and 67." });
    const page = await getClaimPage(db.users.editor, c.id);
    expect(page.published).toMatchObject({ verdict: "DISPUTED" });
    expect(page.claim).toMatchObject({ verdict: "FALSE", state: "SUBMITTED" });
    // The editor made the latest change, so another editor approves it.
    expect(page.actions).not.toContain("approve");
    expect(await codeOf(transitionClaim(db.users.editor, c.id, { action: "approve", version: edited.version }))).toBe("FORBIDDEN");
    const approved = await transitionClaim(db.users.admin, c.id, { action: "approve", version: edited.version });
    expect((await listPublishedClaims(db.slug)).find((p) => p.claimId === c.id)).toMatchObject({ verdict: "FALSE", explanation: "Revised.", claimVersion: approved.version });

    // Retraction: readers see it was withdrawn, with the reason.
    expect(await codeOf(deleteClaim(db.users.editor, c.id, approved.version))).toBe("CONFLICT");
    const retracted = await transitionClaim(db.users.editor, c.id, { action: "retract", version: approved.version, reason: "The source was withdrawn." });
    expect(retracted.state).toBe("RETRACTED");
    expect((await listPublishedClaims(db.slug)).find((p) => p.claimId === c.id)?.retraction).toMatchObject({ reason: "The source was withdrawn." });
    expect(await codeOf(updateClaim(db.users.editor, c.id, { version: retracted.version, fields: fields() }))).toBe("CONFLICT");

    const history = (await getClaimPage(db.users.reviewer, c.id)).history;
    expect(history.map((h) => h.type)).toEqual(["CREATED", "SUBMITTED", "CHANGES_REQUESTED", "UPDATED", "SUBMITTED", "APPROVED", "UPDATED", "APPROVED", "RETRACTED"]);
    expect(history[3].changes).toContainEqual({ field: "explanation", label: "Explanation", from: "SOHR counts 116; the Palmyra Coordination Committee counts 67.", to: "Two counts: 116 and 67." });
    expect(history[6].changes).toContainEqual({ field: "state", label: "State", from: "Approved", to: "Submitted" });
  });

  it("refuses every transition the state machine refuses, with a reason", async () => {
    const c = await newClaim();
    expect(await codeOf(transitionClaim(db.users.editor, c.id, { action: "approve", version: c.version }))).toBe("CONFLICT");
    expect(await codeOf(transitionClaim(db.users.reviewer2, c.id, { action: "submit", version: c.version }))).toBe("FORBIDDEN");
    expect(await codeOf(transitionClaim(db.users.reader, c.id, { action: "submit", version: c.version }))).toBe("FORBIDDEN");
    expect(await codeOf(transitionClaim(db.users.reviewer, c.id, { action: "retract", version: c.version, reason: "x" }))).toBe("FORBIDDEN");
    const own = await newClaim(db.users.editor);
    const s = await transitionClaim(db.users.editor, own.id, { action: "submit", version: own.version });
    expect(await codeOf(transitionClaim(db.users.editor, own.id, { action: "approve", version: s.version }))).toBe("FORBIDDEN");
    expect(await codeOf(transitionClaim(db.users.admin, own.id, { action: "approve", version: s.version }))).toBe("OK");
  });
});

describe("workflow: comments, assignments, home", () => {
  it("comments are stored as given, notify the author and appear in history", async () => {
    const c = await newClaim();
    const body = `<img src=x onerror=alert(1)> Is the 67 figure sourced?`;
    await addComment(db.users.editor, c.id, { body });
    expect(await codeOf(addComment(db.users.reader, c.id, { body: "hi" }))).toBe("FORBIDDEN");
    const page = await getClaimPage(db.users.reviewer, c.id);
    expect(page.comments).toEqual([expect.objectContaining({ body, author: { id: db.users.editor.id, name: db.users.editor.name } })]);
    expect(page.history.at(-1)).toMatchObject({ type: "COMMENTED", changes: [{ field: "comment", label: "Comment", from: null, to: body }] });
    expect((await listNotifications(db.users.reviewer))[0]).toMatchObject({ type: "COMMENTED", claimId: c.id });
  });

  it("an editor assigns an article; the reviewer's home lists it and their claims by state", async () => {
    expect(await codeOf(setAssignments(db.users.reviewer, db.slug, [db.users.reviewer.id]))).toBe("FORBIDDEN");
    await setAssignments(db.users.editor, db.slug, [db.users.reviewer.id, db.users.reviewer2.id]);
    await setAssignments(db.users.editor, db.slug, [db.users.reviewer2.id]);
    expect((await getReviewerHome(db.users.reviewer)).assignments).toEqual([]);
    const home = await getReviewerHome(db.users.reviewer2);
    expect(home.assignments.map((a) => a.slug)).toEqual([db.slug]);
    const events = await db.t.db.prisma.articleEvent.findMany({ orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.after)).toEqual([{ reviewers: [db.users.reviewer.name, db.users.reviewer2.name].sort() }, { reviewers: [db.users.reviewer2.name] }]);
    expect((await getReviewerHome(db.users.reviewer)).claimsByState.find((g) => g.state === "DRAFT")!.claims.length).toBeGreaterThan(0);
  });
});

describe("workflow: concurrency on PostgreSQL", () => {
  it("two editors transitioning the same claim at once: exactly one wins, 100 times", async () => {
    let approvals = 0;
    for (let i = 0; i < 100; i++) {
      const s = await submitted();
      const editorAction = i % 2 === 0 ? "approve" : "requestChanges";
      const results = await Promise.all([
        codeOf(transitionClaim(db.users.editor, s.id, { action: editorAction, version: s.version, reason: "Needs work." })),
        codeOf(transitionClaim(db.users.admin, s.id, { action: "approve", version: s.version })),
      ]);
      expect(results.filter((r) => r === "OK"), `iteration ${i}: ${results}`).toHaveLength(1);
      expect(results.filter((r) => r === "CONFLICT")).toHaveLength(1);
      const row = await db.t.db.prisma.claim.findUniqueOrThrow({ where: { id: s.id }, include: { published: true, events: true } });
      expect(row.version).toBe(s.version + 1);
      expect(row.events.filter((e) => e.type === "APPROVED" || e.type === "CHANGES_REQUESTED")).toHaveLength(1);
      expect(row.published !== null).toBe(row.state === "APPROVED");
      if (row.state === "APPROVED") approvals++;
    }
    expect(approvals).toBeGreaterThan(0);
  });

  it("50 concurrent writers on one claim: every acknowledged write is in history, the last one is the claim, 0 lost", async () => {
    const c = await newClaim();
    const acknowledged: ClaimDto[] = [];
    const writer = async (i: number) => {
      let version = c.version;
      for (let attempt = 0; attempt < 200; attempt++) {
        try {
          const saved = await updateClaim(db.users.editor, c.id, { version, fields: fields({ explanation: `writer ${i}`, tags: [`w${i}`] }) });
          acknowledged.push(saved);
          return;
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== "CONFLICT") throw e;
          // What the UI does: show the current values, and save again on top of them.
          version = (e.details as { current: ClaimDto }).current.version;
          await new Promise((r) => setTimeout(r, Math.random() * 20));
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer(i)));
    expect(acknowledged).toHaveLength(50);
    const updates = await db.t.db.prisma.claimEvent.findMany({ where: { claimId: c.id, type: "UPDATED" } });
    expect(updates).toHaveLength(50);
    for (const w of acknowledged) {
      expect(updates.some((e) => (e.after as { version: number; explanation: string }).version === w.version && (e.after as { explanation: string }).explanation === w.explanation)).toBe(true);
    }
    const versions = acknowledged.map((w) => w.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => c.version + 1 + i));
    const last = acknowledged.reduce((a, b) => (b.version > a.version ? b : a));
    const row = await db.t.db.prisma.claim.findUniqueOrThrow({ where: { id: c.id }, include: { sources: true } });
    expect(row).toMatchObject({ version: last.version, explanation: last.explanation, tags: last.tags });
    expect(row.sources).toHaveLength(1);
  });
});

describe("workflow: the audit log is append-only", () => {
  it("the database refuses to change or delete an event or a comment", async () => {
    const c = await newClaim();
    await addComment(db.users.editor, c.id, { body: "keep me" });
    const event = await db.t.db.prisma.claimEvent.findFirstOrThrow({ where: { claimId: c.id } });
    await expect(db.t.db.prisma.claimEvent.update({ where: { id: event.id }, data: { type: "FORGED" } })).rejects.toThrow(/append-only/);
    await expect(db.t.db.prisma.claimEvent.deleteMany({ where: { claimId: c.id } })).rejects.toThrow(/append-only/);
    await expect(db.t.db.prisma.claimComment.updateMany({ where: { claimId: c.id }, data: { body: "edited" } })).rejects.toThrow(/append-only/);
    await expect(db.t.db.prisma.articleEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await db.t.db.prisma.claimEvent.count({ where: { claimId: c.id } })).toBe(2);
  });

  it("no service or route writes to the log except by appending", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (f === "generated" || f === "node_modules") continue;
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && !/\.test\.ts$/.test(f)) files.push(p);
      }
    };
    walk("lib");
    walk("app");
    const offenders = files.filter((f) => /(claimEvent|articleEvent|claimComment)\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("workflow: lock order with version saves", () => {
  it("an approval waiting on a version save does not deadlock with it", async () => {
    const s = await submitted();
    const { articleId } = await db.t.db.prisma.claim.findUniqueOrThrow({ where: { id: s.id }, select: { articleId: true } });
    // A second connection does what a version save does: locks the article, then writes its claims.
    const save = new pg.Client({ connectionString: db.t.url });
    await save.connect();
    try {
      await save.query("BEGIN");
      await save.query(`SELECT id FROM "Article" WHERE id = $1 FOR UPDATE`, [articleId]);
      const approving = transitionClaim(db.users.editor, s.id, { action: "approve", version: s.version });
      const outcome = approving.then(
        () => "approved",
        (e: unknown) => (e instanceof AppError ? e.code : String(e)),
      );
      // Wait until the approval is blocked on a lock the save holds.
      for (let i = 0; ; i++) {
        const { rows } = await save.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (rows[0].n > 0) break;
        if (i > 200) throw new Error("the approval never waited on the save");
        await new Promise((r) => setTimeout(r, 10));
      }
      // Had the approval locked the claim before the article, this would deadlock (40P01).
      await save.query(`UPDATE "Claim" SET "updatedAt" = now() WHERE id = $1`, [s.id]);
      await save.query("COMMIT");
      expect(await outcome).toBe("approved");
    } finally {
      await save.end();
    }
  });
});
