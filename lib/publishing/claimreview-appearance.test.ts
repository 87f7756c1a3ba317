// Issue 16 §3: a claim approved in several articles lists each appearance in its ClaimReview.
import { describe, expect, it } from "vitest";
import { buildClaimReview, type ArticleRef } from "./claimreview";
import { checkClaimReview } from "./claimreview-rules";
import type { PublishedClaimView } from "./published";

const ctx = { baseUrl: "https://checks.example.org", publisher: "Example Newsroom" };
const claim: PublishedClaimView = {
  id: "c1", quote: "at least 116 civilians", verdict: "DISPUTED", explanation: "116 vs 67.", sources: [], reviewer: "Rita", approvedBy: "Eddie",
  approvedAt: "2026-11-29T10:00:00.000Z", retraction: null, changedSince: null, placement: { start: 0, end: 22 },
};
const later: ArticleRef = { slug: "later", title: "Later report", byline: null, sourceUrl: "https://news.example.com/later", publishedAt: new Date("2015-11-02T00:00:00Z") };
const earlier: ArticleRef = { slug: "earlier", title: "Earlier report", byline: null, sourceUrl: null, publishedAt: new Date("2015-10-20T00:00:00Z") };

describe("buildClaimReview appearances", () => {
  it("keeps one appearance, which is also the first, when the claim is in one article", () => {
    const review = buildClaimReview(claim, later, ctx)!;
    expect(review.itemReviewed.appearance).toMatchObject({ url: "https://news.example.com/later" });
    expect(review.itemReviewed.firstAppearance).toBe("https://news.example.com/later");
  });

  it("lists every article the claim was approved in, and names the earliest as the first appearance", () => {
    const review = buildClaimReview(claim, later, ctx, [earlier, later])!;
    const appearances = review.itemReviewed.appearance as { url: string; headline: string }[];
    expect(appearances.map((a) => a.url)).toEqual(["https://news.example.com/later", "https://checks.example.org/articles/earlier"]);
    expect(review.itemReviewed.firstAppearance).toBe("https://checks.example.org/articles/earlier");
    expect(checkClaimReview(review, "https://checks.example.org/articles/later").errors).toEqual([]);
  });
});
