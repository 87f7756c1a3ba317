import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, type TestDatabase, shareWithServices } from "@/lib/testing/databases";
import { seedDatabase } from "@/lib/seed/seed";
import { describe as describeSpan } from "@/lib/anchoring";
import type { Verdict } from "@/lib/generated/prisma/enums";
import { getPublishedArticle } from "./read-published";
import { listIndex } from "./search";
import { buildClaimReviewFeed, FEED_PAGE_SIZE } from "./feed";
import { checkClaimReview } from "./claimreview-rules";

const DRAFT_MARKER = "ZZDRAFTMARKER4217";

describe.each(ENGINES)("publishing on $name", ({ create }) => {
  let t: TestDatabase;
  let releaseAppDatabase = () => {};
  let slug = "";
  beforeAll(async () => {
    t = await create();
    releaseAppDatabase = shareWithServices(t);
    process.env.FACTMARK_PUBLIC_URL = "https://checks.example.org";
    await seedDatabase(t.db.prisma, { demoUsers: true });
    const article = await t.db.prisma.article.findFirstOrThrow({ include: { versions: true } });
    slug = article.slug;
    const v = article.versions[0];
    const reviewer = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "reviewer@example.org" } });
    const editor = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "editor@example.org" } });
    const claim = async (quote: string, verdict: Verdict, state: "DRAFT" | "APPROVED", explanation: string) => {
      const start = v.plainText.indexOf(quote);
      const d = describeSpan(v.plainText, start, start + quote.length);
      const row = await t.db.prisma.claim.create({
        data: { articleId: article.id, articleVersionId: v.id, selectors: [d.quote, d.position], quote, verdict, explanation, state, authorId: reviewer.id, updatedById: reviewer.id },
      });
      if (state === "APPROVED") {
        await t.db.prisma.publishedClaim.create({
          data: {
            claimId: row.id, articleId: article.id, claimVersion: 1, selectors: [d.quote, d.position], quote, verdict, explanation,
            sources: [{ url: "https://www.syriahr.com/en/", title: "SOHR report", publisher: "SOHR", publishedAt: "2015-10-23", accessedAt: null, excerpt: "116", stance: "SUPPORTS" }],
            reviewerId: reviewer.id, approvedById: editor.id, approvedAt: new Date("2026-11-29T10:00:00Z"),
          },
        });
      }
      return row;
    };
    await claim("at least 116 civilians", "DISPUTED", "APPROVED", "SOHR counts 116 while the Palmyra Coordination Committee counts 67.");
    await claim("identified 67 civilians", "MISSING_CONTEXT", "APPROVED", "The committee said the figure could increase.");
    const withdrawn = await claim("Russian air power", "ACCURATE", "APPROVED", "Russian jets supported the offensive.");
    await t.db.prisma.publishedClaim.update({ where: { claimId: withdrawn.id }, data: { retractedAt: new Date(), retractedById: editor.id, retractionReason: "Source could not be confirmed." } });
    await claim("sleeper cells", "FALSE", "DRAFT", `Unpublished note ${DRAFT_MARKER}`);
  });
  afterAll(async () => {
    releaseAppDatabase();
    await t?.drop();
  });

  it("serves only published checks, placed on their words, in document order", async () => {
    const { claims, article } = await getPublishedArticle(slug);
    expect(claims.map((c) => c.quote)).toEqual(["at least 116 civilians", "Russian air power", "identified 67 civilians"]);
    for (const c of claims) expect(article.version.plainText.slice(c.placement!.start, c.placement!.end)).toBe(c.quote);
    expect(claims[1].retraction).toMatchObject({ reason: "Source could not be confirmed.", by: "Eddie Editor" });
    expect(JSON.stringify(claims)).not.toContain(DRAFT_MARKER);
  });

  it("searches titles and published claims with full-text search, never drafts", async () => {
    expect((await listIndex()).map((a) => a.checkedCount)).toEqual([2]);
    const byTitle = await listIndex("Christian town");
    expect(byTitle).toHaveLength(1);
    const byClaim = await listIndex("committee");
    expect(byClaim[0].matches.map((m) => m.quote).sort()).toEqual(["at least 116 civilians", "identified 67 civilians"]);
    expect(await listIndex(DRAFT_MARKER)).toEqual([]);
    expect(await listIndex("sleeper")).toEqual([]);
    expect(await listIndex("Russian jets")).toEqual([]); // withdrawn checks are not search hits
    await expect(listIndex("x".repeat(500))).rejects.toMatchObject({ code: "INVALID" });
  });

  it("publishes a ClaimReview feed of live checks that passes the field rules", async () => {
    const feed = await buildClaimReviewFeed(null);
    expect(feed["@type"]).toBe("DataFeed");
    expect(feed.dataFeedElement).toHaveLength(2);
    for (const review of feed.dataFeedElement) expect(checkClaimReview(review, "https://checks.example.org/claimreview.json").errors).toEqual([]);
    expect(JSON.stringify(feed)).not.toContain(DRAFT_MARKER);
    expect(feed["factmark:page"]).toMatchObject({ page: 1, pages: 1, total: 2, pageSize: FEED_PAGE_SIZE });
    expect((await buildClaimReviewFeed("2")).dataFeedElement).toEqual([]);
    await expect(buildClaimReviewFeed("0")).rejects.toMatchObject({ code: "INVALID" });
    await expect(buildClaimReviewFeed("abc")).rejects.toMatchObject({ code: "INVALID" });
  });

  it("serves every change readers should see, even after it has served the article once", async () => {
    const prisma = t.db.prisma;
    const article = await prisma.article.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const first = await getPublishedArticle(slug);
    const live = first.claims.find((c) => c.quote === "identified 67 civilians")!;
    const revision = async () => (await prisma.article.findUniqueOrThrow({ where: { slug }, select: { readerRevision: true } })).readerRevision;

    // A check withdrawn through raw SQL, as bulk paths write: the trigger still sees it.
    let before = await revision();
    await prisma.$executeRaw`UPDATE "PublishedClaim" SET "retractedAt" = now(), "retractionReason" = 'Withdrawn in the test' WHERE "claimId" = ${live.id}`;
    expect(await revision()).toBeGreaterThan(before);
    expect((await getPublishedArticle(slug)).claims.find((c) => c.id === live.id)?.retraction?.reason).toBe("Withdrawn in the test");

    // The reviewer renames themself.
    before = await revision();
    await prisma.user.update({ where: { email: "reviewer@example.org" }, data: { name: "Rita Renamed" } });
    expect(await revision()).toBeGreaterThan(before);
    expect((await getPublishedArticle(slug)).claims.every((c) => c.reviewer === "Rita Renamed")).toBe(true);

    // Renaming someone who is on none of its checks leaves the article as it was.
    before = await revision();
    await prisma.user.update({ where: { email: "admin@example.org" }, data: { name: "Ada Renamed" } });
    expect(await revision()).toBe(before);

    // The article's own fields, and a new version with a correction note.
    await prisma.article.update({ where: { slug }, data: { byline: "Changed Byline" } });
    expect((await getPublishedArticle(slug)).article.byline).toBe("Changed Byline");
    const latest = await prisma.articleVersion.findFirstOrThrow({ where: { articleId: article.id }, orderBy: { number: "desc" } });
    await prisma.articleVersion.create({
      data: { articleId: article.id, number: latest.number + 1, plainText: latest.plainText, doc: latest.doc ?? {}, correctionNote: "An earlier version misspelt a name." },
    });
    const now = await getPublishedArticle(slug);
    expect(now.article.version.number).toBe(latest.number + 1);
    expect(now.corrections.map((c) => c.note)).toContain("An earlier version misspelt a name.");
  });
});
