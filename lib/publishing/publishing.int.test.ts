import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, type TestDatabase } from "@/lib/testing/databases";
import { closeDb } from "@/lib/db/client";
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
  let slug = "";
  beforeAll(async () => {
    t = await create();
    process.env.DATABASE_URL = t.url;
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
    await closeDb();
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
});
