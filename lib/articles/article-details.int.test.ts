import { describe, expect, it } from "vitest";
import { claimFields, QUOTE, seededClaimsDb } from "@/lib/testing/claims-fixture";
import { codeOf } from "@/lib/testing/code-of";
import { getPrisma } from "@/lib/db/client";
import { createClaim } from "@/lib/claims/create-claim";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { getPublishedArticle } from "@/lib/publishing/read-published";
import { buildClaimReviewFeed } from "@/lib/publishing/feed";
import { listDetailsChanges, updateArticleDetails } from "./article-details";

// Issue 20, item 4: an article's details can be corrected after import, each change is in its
// history, and readers (page and ClaimReview) see a new title at once.

const db = seededClaimsDb();

describe("article details after import", () => {
  it("an editor corrects them; the history says what changed; readers see the new title at once", async () => {
    const c = await createClaim(db.users.reviewer, { articleVersionId: db.versionId, start: db.text.indexOf(QUOTE), end: db.text.indexOf(QUOTE) + QUOTE.length, fields: claimFields() });
    const s = await transitionClaim(db.users.reviewer, c.id, { action: "submit", version: c.version });
    await transitionClaim(db.users.editor, c.id, { action: "approve", version: s.version });
    const before = await getPublishedArticle(db.slug);
    const prisma = await getPrisma();
    const revision = (await prisma.article.findUniqueOrThrow({ where: { slug: db.slug } })).readerRevision;

    const saved = await updateArticleDetails(db.users.editor, db.slug, { title: "A corrected title", byline: "Sam Writer", sourceUrl: "https://news.example/story", publishedAt: "2024-02-29" });
    expect(saved).toEqual({ title: "A corrected title", byline: "Sam Writer", sourceUrl: "https://news.example/story", publishedAt: "2024-02-29" });
    expect((await prisma.article.findUniqueOrThrow({ where: { slug: db.slug } })).readerRevision).toBeGreaterThan(revision);

    const after = await getPublishedArticle(db.slug);
    expect(after.article.title).toBe("A corrected title");
    // Readers see the headline in the text, which followed the title in a new version.
    expect(after.article.version.plainText.startsWith("A corrected title\n")).toBe(true);
    expect(after.article.version.number).toBe(before.article.version.number + 1);
    expect(after.contentKey).not.toBe(before.contentKey);
    expect(JSON.stringify(await buildClaimReviewFeed(null))).toContain("A corrected title");

    const [change] = await listDetailsChanges(db.users.editor, db.slug);
    expect(change.actor).toBe(db.users.editor.name);
    expect(change.changes).toContainEqual({ label: "Title", from: before.article.title, to: "A corrected title" });
    expect(change.changes).toContainEqual(expect.objectContaining({ label: "Published date", to: "2024-02-29" }));
  });

  it("refuses reviewers, bad input with a reason, and keeps what was saved", async () => {
    const good = { title: "Kept title", byline: null, sourceUrl: null, publishedAt: null };
    await updateArticleDetails(db.users.admin, db.slug, good);
    expect(await codeOf(updateArticleDetails(db.users.reviewer, db.slug, good))).toBe("FORBIDDEN");
    expect(await codeOf(updateArticleDetails(db.users.editor, db.slug, { ...good, title: " " }))).toBe("INVALID");
    expect(await codeOf(updateArticleDetails(db.users.editor, db.slug, { ...good, sourceUrl: "javascript:alert(1)" }))).toBe("INVALID");
    expect(await codeOf(updateArticleDetails(db.users.editor, db.slug, { ...good, publishedAt: "2023-02-30" }))).toBe("INVALID");
    expect(await codeOf(updateArticleDetails(db.users.editor, db.slug, { ...good, byline: "Evil\u202Eeman" }))).toBe("INVALID");
    expect(await codeOf(updateArticleDetails(db.users.editor, "no-such-article", good))).toBe("NOT_FOUND");
    expect((await getPublishedArticle(db.slug)).article.title).toBe("Kept title");
  });
});
