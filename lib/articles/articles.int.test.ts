/**
 * Issue 7 services against real databases: import, a new version with re-anchoring (moved, changed,
 * needs re-check), the published snapshot and the reader's notes, confirm / send back / re-attach,
 * restore, the limits, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "@/lib/testing/code-of";
import { ENGINES, type TestDatabase, shareWithServices } from "@/lib/testing/databases";
import { seedDatabase } from "@/lib/seed/seed";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { createClaim } from "@/lib/claims/create-claim";
import { getReviewWorkspace } from "@/lib/claims/get-workspace";
import { createArticle, previewImport } from "./create-article";
import { getArticleCorrections, CHANGED_AFTER_CHECK_NOTE } from "./corrections";
import { plainText, type TArticleDoc } from "./document";
import { saveArticleVersion } from "./save-version";
import { listStaleClaims, resolveStaleClaim } from "./stale-claims";
import { diffVersions, listVersions, restoreVersion } from "./versions";

const HOSTILE_PAGE = `<!doctype html><html><head><title>Dam report | Example News</title>
<meta name="author" content="Ada Reporter"><meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.org/dam-report"><script>window.pwned = 1</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Dam report</h1>
<p>The dam holds 40 million cubic metres of water and was finished in 1962 by the regional council.</p>
<p onclick="steal()">Engineers said the spillway was inspected in May, and no cracks were found in the concrete.</p>
<p>The old pumping station <img src=x onerror="alert(1)"> beside the river was closed in 2001 after a flood damaged it.</p>
<p><a href="javascript:alert(1)">Click</a> for the full inspection report from the water authority.</p></article>
<footer>Copyright Example News</footer></body></html>`;

describe.each(ENGINES)("article versions on $name", ({ create }) => {
  let t: TestDatabase;
  let releaseAppDatabase = () => {};
  const users: Record<string, SessionUser> = {};

  beforeAll(async () => {
    t = await create();
    releaseAppDatabase = shareWithServices(t);
    await seedDatabase(t.db.prisma, { demoUsers: true });
    for (const u of await t.db.prisma.user.findMany()) users[u.email.split("@")[0]] = { id: u.id, name: u.name, email: u.email, role: u.role as TRole };
  });
  afterAll(async () => {
    releaseAppDatabase();
    await t?.drop();
  });

  it("imports a hostile page, re-anchors claims on a new version, and lets an editor confirm, send back and re-attach", async () => {
    const preview = await previewImport(users.editor, { format: "html", content: HOSTILE_PAGE });
    expect(preview.metadata).toEqual({ title: "Dam report", byline: "Ada Reporter", sourceUrl: "https://news.example.org/dam-report", publishedAt: "2024-03-05" });
    expect(preview.plainText).toContain("no cracks were found");
    expect(preview.plainText).not.toMatch(/pwned|color:red|Copyright|alert/);
    expect(JSON.stringify(preview.doc)).not.toMatch(/javascript:|onerror|onclick/);

    const { slug, versionId } = await createArticle(users.editor, { format: "html", content: HOSTILE_PAGE, title: "Dam report", byline: "Ada Reporter", sourceUrl: null, publishedAt: "2024-03-05" });
    const v1 = await t.db.prisma.articleVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(v1.plainText.startsWith("Dam report\n\nThe dam holds")).toBe(true);

    const span = (q: string) => ({ start: v1.plainText.indexOf(q), end: v1.plainText.indexOf(q) + q.length });
    const fields = { verdict: "ACCURATE" as const, explanation: "Checked.", tags: [], sources: [] };
    const moved = await createClaim(users.reviewer, { articleVersionId: versionId, ...span("finished in 1962"), fields });
    const changed = await createClaim(users.reviewer, { articleVersionId: versionId, ...span("no cracks were found in the concrete"), fields });
    const changed2 = await createClaim(users.reviewer, { articleVersionId: versionId, ...span("inspected in May"), fields });
    const lost = await createClaim(users.reviewer, { articleVersionId: versionId, ...span("closed in 2001 after a flood damaged it"), fields });
    // The workflow issue approves claims; here we write the approved snapshot as it would.
    for (const c of [moved, changed]) {
      await t.db.prisma.claim.update({ where: { id: c.id }, data: { state: "APPROVED" } });
      await t.db.prisma.publishedClaim.create({
        data: { claimId: c.id, articleId: v1.articleId, claimVersion: 1, selectors: c.selectors, quote: c.quote, verdict: "ACCURATE", explanation: "Checked.", sources: [], reviewerId: users.reviewer.id, approvedById: users.editor.id, approvedAt: new Date() },
      });
    }

    const doc = v1.doc as TArticleDoc;
    const edited: TArticleDoc = JSON.parse(JSON.stringify(doc));
    const paras = edited.content.filter((b) => b.type === "paragraph");
    paras[0].content = [{ type: "text", text: "Officials said that the dam holds 40 million cubic metres of water and was finished in 1962 by the regional council." }];
    paras[1].content = [{ type: "text", text: "Engineers said the spillway was inspected in June, and small cracks were found in the concrete." }];
    edited.content.splice(edited.content.indexOf(paras[2]), 1);

    expect(await codeOf(saveArticleVersion(users.reviewer, slug, { baseVersionId: versionId, doc: edited, correctionNote: null }))).toBe("FORBIDDEN");
    expect(await codeOf(saveArticleVersion(users.editor, slug, { baseVersionId: versionId, doc: { type: "doc", content: [{ type: "iframe" }] }, correctionNote: null }))).toBe("INVALID");
    expect(await codeOf(saveArticleVersion(users.editor, slug, { baseVersionId: versionId, doc, correctionNote: null }))).toBe("INVALID");

    const note = "An earlier version said no cracks were found and that the inspection was in May.";
    const saved = await saveArticleVersion(users.editor, slug, { baseVersionId: versionId, doc: edited, correctionNote: note });
    expect(saved.version.number).toBe(2);
    expect({ moved: saved.report.moved, changed: saved.report.changed, needsRecheck: saved.report.needsRecheck }).toEqual({ moved: 1, changed: 2, needsRecheck: 1 });
    expect(await codeOf(saveArticleVersion(users.editor, slug, { baseVersionId: versionId, doc: edited, correctionNote: null }))).toBe("CONFLICT");

    const rows = new Map((await t.db.prisma.claim.findMany({ where: { articleId: v1.articleId }, include: { published: true } })).map((c) => [c.id, c]));
    const v2 = await t.db.prisma.articleVersion.findUniqueOrThrow({ where: { id: saved.version.id } });
    const at = (id: string) => {
      const sel = rows.get(id)!.selectors as [unknown, { start: number; end: number }];
      return v2.plainText.slice(sel[1].start, sel[1].end);
    };
    expect(rows.get(moved.id)).toMatchObject({ articleVersionId: v2.id, stale: null, quote: "finished in 1962" });
    expect(at(moved.id)).toBe("finished in 1962");
    expect(rows.get(moved.id)!.published).toMatchObject({ quote: "finished in 1962", staleAt: null });
    expect(rows.get(changed.id)).toMatchObject({ articleVersionId: v2.id, stale: "CHANGED", staleQuote: "no cracks were found in the concrete" });
    expect(at(changed.id)).toBe(rows.get(changed.id)!.quote);
    expect(rows.get(changed.id)!.quote).toContain("cracks were found in the concrete");
    expect(rows.get(changed.id)!.published!.staleAt).not.toBeNull();
    expect(rows.get(changed.id)!.published!.quote).toBe("no cracks were found in the concrete");
    expect(rows.get(lost.id)).toMatchObject({ articleVersionId: versionId, stale: "NEEDS_RECHECK", quote: "closed in 2001 after a flood damaged it" });
    expect(await t.db.prisma.claim.count({ where: { articleId: v1.articleId } })).toBe(4);

    const workspace = await getReviewWorkspace(users.reviewer, slug);
    expect(workspace.claims.find((c) => c.id === lost.id)!.placement).toEqual({ status: "needs-recheck" });
    expect(workspace.claims.find((c) => c.id === moved.id)!.placement.status).toBe("placed");

    let corrections = await getArticleCorrections(slug);
    expect(corrections.corrections).toEqual([{ version: 2, note, date: v2.createdAt.toISOString() }]);
    expect(corrections.changedChecks).toEqual([expect.objectContaining({ claimId: changed.id, note: CHANGED_AFTER_CHECK_NOTE, checkedQuote: "no cracks were found in the concrete" })]);
    expect((await listStaleClaims(users.editor, slug)).map((c) => c.id).sort()).toEqual([changed.id, changed2.id, lost.id].sort());

    const versionOf = async (id: string) => (await t.db.prisma.claim.findUniqueOrThrow({ where: { id } })).version;
    expect(await codeOf(resolveStaleClaim(users.reviewer, slug, changed.id, { action: "confirm", version: await versionOf(changed.id) }))).toBe("FORBIDDEN");
    expect(await codeOf(resolveStaleClaim(users.editor, slug, lost.id, { action: "confirm", version: await versionOf(lost.id) }))).toBe("CONFLICT");
    expect(await codeOf(resolveStaleClaim(users.editor, slug, changed.id, { action: "confirm", version: (await versionOf(changed.id)) + 1 }))).toBe("CONFLICT");
    await resolveStaleClaim(users.editor, slug, changed.id, { action: "confirm", version: await versionOf(changed.id) });
    corrections = await getArticleCorrections(slug);
    expect(corrections.changedChecks).toEqual([]);
    const confirmed = await t.db.prisma.claim.findUniqueOrThrow({ where: { id: changed.id }, include: { published: true } });
    expect(confirmed.stale).toBeNull();
    expect(confirmed.published!.quote).toBe(confirmed.quote);

    await resolveStaleClaim(users.editor, slug, changed2.id, { action: "send-back", version: await versionOf(changed2.id), reason: "The month changed; check the inspection date again." });
    expect(await t.db.prisma.claim.findUniqueOrThrow({ where: { id: changed2.id } })).toMatchObject({ state: "CHANGES_REQUESTED", stale: null });

    const reStart = v2.plainText.indexOf("full inspection report");
    expect(await codeOf(resolveStaleClaim(users.editor, slug, lost.id, { action: "reattach", version: await versionOf(lost.id), articleVersionId: versionId, start: reStart, end: reStart + 22 }))).toBe("CONFLICT");
    await resolveStaleClaim(users.editor, slug, lost.id, { action: "reattach", version: await versionOf(lost.id), articleVersionId: v2.id, start: reStart, end: reStart + 22 });
    expect(await t.db.prisma.claim.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ stale: null, quote: "full inspection report", articleVersionId: v2.id });
    expect(await listStaleClaims(users.editor, slug)).toEqual([]);

    // Restore version 1: a new version 3 with version 1's text; claims follow again, nothing is deleted.
    const restored = await restoreVersion(users.editor, slug, 1, { baseVersionId: v2.id, correctionNote: null });
    expect(restored.version.number).toBe(3);
    const v3 = await t.db.prisma.articleVersion.findUniqueOrThrow({ where: { id: restored.version.id } });
    expect(v3.plainText).toBe(v1.plainText);
    expect(v3.restoredFromNumber).toBe(1);
    const { versions } = await listVersions(users.editor, slug);
    expect(versions.map((v) => v.number)).toEqual([3, 2, 1]);
    const diff = await diffVersions(users.editor, slug, 1, 2);
    expect(diff.parts).toContainEqual({ op: "delete", text: "May" });
    expect(diff.parts).toContainEqual({ op: "insert", text: "June" });
    expect(await t.db.prisma.claim.count({ where: { articleId: v1.articleId } })).toBe(4);
    expect(await codeOf(listVersions(users.reviewer, slug))).toBe("FORBIDDEN");
  });

  it("refuses empty, oversized and binary input with clear errors, and readers and reviewers cannot import", async () => {
    const base = { title: "T", byline: null, sourceUrl: null, publishedAt: null };
    expect(await codeOf(createArticle(users.editor, { ...base, format: "text", content: "   \n " }))).toBe("INVALID");
    expect(await codeOf(createArticle(users.editor, { ...base, format: "text", content: "word ".repeat(430_000) }))).toBe("PAYLOAD_TOO_LARGE");
    expect(await codeOf(createArticle(users.editor, { ...base, format: "text", content: "%PDF-1.7\u0000\u0001\u0002binary" }))).toBe("INVALID");
    expect(await codeOf(createArticle(users.reviewer, { ...base, format: "text", content: "Hello." }))).toBe("FORBIDDEN");
    expect(await codeOf(createArticle(users.reader, { ...base, format: "text", content: "Hello." }))).toBe("FORBIDDEN");
    const md = await createArticle(users.admin, { ...base, title: "Markdown piece", format: "markdown", content: "# Markdown piece\n\nSome **bold** claim with a [link](https://example.org).\n\n- one\n- two" });
    const v = await t.db.prisma.articleVersion.findFirstOrThrow({ where: { article: { slug: md.slug } } });
    expect(v.plainText).toBe("Markdown piece\n\nSome bold claim with a link.\n\none\n\ntwo");
    expect(plainText(v.doc as TArticleDoc)).toBe(v.plainText);
  });
});
