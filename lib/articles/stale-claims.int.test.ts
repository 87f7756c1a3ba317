/**
 * Issue 12, finding 6: the editor's decisions on a claim whose words changed (confirm, send back,
 * re-attach) go through the workflow state machine and name the claim version they were made on.
 * The attack: a RETRACTED claim whose words changed was sent back (→ CHANGES_REQUESTED), edited,
 * submitted and approved, and readers saw the withdrawn check live again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { createClaim } from "@/lib/claims/create-claim";
import { updateClaim } from "@/lib/claims/update-claim";
import { listPublishedClaims } from "@/lib/publishing/list-published";
import { seedDatabase } from "@/lib/seed/seed";
import { claimFields, QUOTE } from "@/lib/testing/claims-fixture";
import { codeOf } from "@/lib/testing/code-of";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { saveArticleVersion } from "./save-version";
import { listStaleClaims, resolveStaleClaim } from "./stale-claims";

const CHANGED_QUOTE = QUOTE.replace("116", "118");

describe.each(ENGINES)("stale-claim decisions obey the workflow on $name", ({ create }) => {
  let t: TestDatabase;
  let releaseAppDatabase = () => {};
  const users: Record<string, SessionUser> = {};
  let slug = "";

  beforeAll(async () => {
    t = await create();
    releaseAppDatabase = shareWithServices(t);
    await seedDatabase(t.db.prisma, { demoUsers: true });
    for (const u of await t.db.prisma.user.findMany()) users[u.email.split("@")[0]] = { id: u.id, name: u.name, email: u.email, role: u.role as TRole };
    slug = (await t.db.prisma.article.findFirstOrThrow()).slug;
  });
  afterAll(async () => {
    releaseAppDatabase();
    await t?.drop();
  });

  const latestVersion = () => t.db.prisma.articleVersion.findFirstOrThrow({ where: { article: { slug } }, orderBy: { number: "desc" } });
  const claimRow = (id: string) => t.db.prisma.claim.findUniqueOrThrow({ where: { id }, include: { published: true } });

  /** A claim on QUOTE taken through submit and approve (and retract when asked), then the words under it edited. */
  async function publishedClaimWhoseWordsChanged(opts: { retract: boolean; from: string; to: string }) {
    const v = await latestVersion();
    const start = v.plainText.indexOf(opts.from);
    expect(start).toBeGreaterThanOrEqual(0);
    let c = await createClaim(users.reviewer, { articleVersionId: v.id, start, end: start + opts.from.length, fields: claimFields() });
    c = await transitionClaim(users.reviewer, c.id, { action: "submit", version: c.version });
    c = await transitionClaim(users.editor, c.id, { action: "approve", version: c.version });
    if (opts.retract) c = await transitionClaim(users.editor, c.id, { action: "retract", version: c.version, reason: "The count was wrong." });
    const doc = JSON.parse(JSON.stringify(v.doc).replace(opts.from, opts.to));
    await saveArticleVersion(users.editor, slug, { baseVersionId: v.id, doc, correctionNote: null });
    const row = await claimRow(c.id);
    expect(row.stale).not.toBeNull();
    return row;
  }

  it("refuses to send back, confirm or re-attach a retracted claim, so it cannot be published again", async () => {
    const retracted = await publishedClaimWhoseWordsChanged({ retract: true, from: QUOTE, to: CHANGED_QUOTE });
    expect(retracted.state).toBe("RETRACTED");
    expect(retracted.published!.retractedAt).not.toBeNull();

    // The exact request of the probe, with the version the editor saw: refused, and nothing changes.
    expect(await codeOf(resolveStaleClaim(users.editor, slug, retracted.id, { action: "send-back", version: retracted.version, reason: "Check again." }))).toBe("CONFLICT");
    expect(await codeOf(resolveStaleClaim(users.editor, slug, retracted.id, { action: "confirm", version: retracted.version }))).toBe("CONFLICT");
    const v = await latestVersion();
    expect(await codeOf(resolveStaleClaim(users.editor, slug, retracted.id, { action: "reattach", version: retracted.version, articleVersionId: v.id, start: 0, end: 5 }))).toBe("CONFLICT");
    const after = await claimRow(retracted.id);
    expect(after).toMatchObject({ state: "RETRACTED", version: retracted.version, quote: retracted.quote, stale: retracted.stale });

    // The rest of the attack finds a closed claim: no edit, no submit, no approve; readers keep the retraction.
    expect(await codeOf(updateClaim(users.reviewer, retracted.id, { version: after.version, fields: claimFields({ explanation: "Edited." }) }))).not.toBe("OK");
    expect(await codeOf(transitionClaim(users.reviewer, retracted.id, { action: "submit", version: after.version }))).toBe("CONFLICT");
    expect(await codeOf(transitionClaim(users.admin, retracted.id, { action: "approve", version: after.version }))).toBe("CONFLICT");
    const forReaders = (await listPublishedClaims(slug)).find((p) => p.claimId === retracted.id);
    expect(forReaders?.retraction).not.toBeNull();
    // Nothing is left for an editor to decide about a closed claim.
    expect((await listStaleClaims(users.editor, slug)).map((s) => s.id)).not.toContain(retracted.id);
  });

  it("sends back an approved claim only with the version the editor saw, and a reviewer cannot do it", async () => {
    const approved = await publishedClaimWhoseWordsChanged({ retract: false, from: "Palmyra", to: "Tadmur" });
    expect(approved.state).toBe("APPROVED");
    const listed = (await listStaleClaims(users.editor, slug)).find((s) => s.id === approved.id);
    expect(listed?.version).toBe(approved.version);

    expect(await codeOf(resolveStaleClaim(users.reviewer, slug, approved.id, { action: "send-back", version: approved.version, reason: "Check again." }))).toBe("FORBIDDEN");
    expect(await codeOf(resolveStaleClaim(users.editor, slug, approved.id, { action: "send-back", version: approved.version - 1, reason: "Check again." }))).toBe("CONFLICT");
    expect((await claimRow(approved.id)).state).toBe("APPROVED");

    await resolveStaleClaim(users.editor, slug, approved.id, { action: "send-back", version: approved.version, reason: "The place name changed; check it." });
    const sentBack = await claimRow(approved.id);
    expect(sentBack).toMatchObject({ state: "CHANGES_REQUESTED", version: approved.version + 1 });
    // Readers keep the approved check (with its note) until it is approved again.
    expect(sentBack.published!.retractedAt).toBeNull();
    // A second editor acting on the page they opened before is told it changed.
    expect(await codeOf(resolveStaleClaim(users.admin, slug, approved.id, { action: "send-back", version: approved.version, reason: "Again." }))).toBe("CONFLICT");
  });
});
