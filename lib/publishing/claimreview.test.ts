import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VERDICTS } from "@/lib/verdicts";
import { buildClaimReview, jsonForScript, type ArticleRef } from "./claimreview";
import { checkClaimReview, propertiesUsed } from "./claimreview-rules";
import type { PublishedClaimView } from "./published";

const ctx = { baseUrl: "https://checks.example.org", publisher: "Example Newsroom" };
const claim = (over: Partial<PublishedClaimView> = {}): PublishedClaimView => ({
  id: "c1",
  quote: "at least 116 civilians",
  verdict: "DISPUTED",
  explanation: "SOHR counts 116; another group counts 67.",
  sources: [],
  reviewer: "Rita Reviewer",
  approvedBy: "Eddie Editor",
  approvedAt: "2026-11-29T10:00:00.000Z",
  retraction: null,
  changedSince: null,
  placement: { start: 10, end: 32 },
  ...over,
});
const fullArticle: ArticleRef = { slug: "al-qaryatain", title: "In Syrian Christian Town…", byline: "Jane Doe", sourceUrl: "https://news.example.com/al-qaryatain", publishedAt: new Date("2015-10-24T00:00:00Z") };
const bareArticle: ArticleRef = { slug: "al-qaryatain", title: "In Syrian Christian Town…", byline: null, sourceUrl: null, publishedAt: null };
const pageUrl = `${ctx.baseUrl}/articles/al-qaryatain`;

// Properties defined in the schema.org extract (shared/claimreview), plus `headline`, a
// CreativeWork property the extract does not include.
const ttl = readFileSync("lib/publishing/fixtures/schemaorg-claimreview-defs.ttl", "utf8");
const SCHEMA_PROPERTIES = new Set([...ttl.matchAll(/^:(\w+) a rdf:Property/gm)].map((m) => m[1]).concat("headline"));

describe("buildClaimReview", () => {
  it("cites the sources with Factmark's archived copy (issue 18)", () => {
    const src = { url: "https://stats.example/r", title: "Report", publisher: "Stats", publishedAt: "2026-01-02", accessedAt: null, excerpt: null, stance: "REFUTES" as const };
    const review = buildClaimReview(claim({ sources: [{ ...src, archive: { id: "snap1", fetchedAt: "2026-11-01T00:00:00.000Z", warning: null } }, { ...src, url: "https://b.example/" }] }), fullArticle, ctx);
    expect(review?.citation).toEqual([
      { "@type": "CreativeWork", url: "https://stats.example/r", name: "Report", publisher: { "@type": "Organization", name: "Stats" }, datePublished: "2026-01-02", archivedAt: "https://checks.example.org/archive/snap1" },
      { "@type": "CreativeWork", url: "https://b.example/", name: "Report", publisher: { "@type": "Organization", name: "Stats" }, datePublished: "2026-01-02" },
    ]);
    expect(checkClaimReview(review, pageUrl).errors).toEqual([]);
    expect(buildClaimReview(claim(), fullArticle, ctx)).not.toHaveProperty("citation");
  });

  it.each(VERDICTS.filter((v) => v !== "UNVERIFIED"))("emits a valid ClaimReview for %s", (verdict) => {
    const review = buildClaimReview(claim({ verdict }), fullArticle, ctx);
    const report = checkClaimReview(review, pageUrl);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it("uses only properties schema.org defines", () => {
    const used = propertiesUsed(buildClaimReview(claim(), fullArticle, ctx));
    expect([...used].filter((p) => !SCHEMA_PROPERTIES.has(p))).toEqual([]);
  });

  it("links to the claim's anchor on the article page and carries the rating", () => {
    const review = buildClaimReview(claim(), fullArticle, ctx)!;
    expect(review.url).toBe("https://checks.example.org/articles/al-qaryatain#claim-c1");
    expect(review.reviewRating).toEqual({ "@type": "Rating", ratingValue: 3, bestRating: 5, worstRating: 1, alternateName: "Credible sources disagree" });
    expect((review.itemReviewed.appearance as { url: string }).url).toBe("https://news.example.com/al-qaryatain");
    expect(review.author).toEqual({ "@type": "Organization", name: "Example Newsroom", url: "https://checks.example.org" });
  });

  it("invents nothing the article does not say: no claim author or date when unknown", () => {
    const review = buildClaimReview(claim(), bareArticle, ctx)!;
    expect(review.itemReviewed).not.toHaveProperty("author");
    expect(review.itemReviewed).not.toHaveProperty("datePublished");
    expect((review.itemReviewed.appearance as { url: string }).url).toBe(pageUrl);
    const report = checkClaimReview(review, pageUrl);
    expect(report.errors).toEqual([]);
    expect(report.warnings.sort()).toEqual(["itemReviewed.author is recommended", "itemReviewed.datePublished is recommended"]);
  });

  it("publishes no ClaimReview for an unchecked or withdrawn claim, or one whose words changed since", () => {
    expect(buildClaimReview(claim({ changedSince: "2026-11-30T00:00:00Z" }), fullArticle, ctx)).toBeNull();
    expect(buildClaimReview(claim({ verdict: "UNVERIFIED" }), fullArticle, ctx)).toBeNull();
    expect(buildClaimReview(claim({ retraction: { at: "2026-11-30T00:00:00Z", by: "Eddie", reason: "Wrong source" } }), fullArticle, ctx)).toBeNull();
  });

  it("warns about a long claimReviewed", () => {
    const report = checkClaimReview(buildClaimReview(claim({ quote: "x".repeat(80) }), fullArticle, ctx), pageUrl);
    expect(report.warnings).toContain("claimReviewed is longer than 75 characters");
  });
});

describe("checkClaimReview catches broken markup", () => {
  const good = () => JSON.parse(JSON.stringify(buildClaimReview(claim(), fullArticle, ctx)));
  it.each([
    ["a missing claimReviewed", (r: Record<string, unknown>) => delete r.claimReviewed, "claimReviewed is required"],
    ["a missing alternateName", (r: { reviewRating: Record<string, unknown> }) => delete r.reviewRating.alternateName, "reviewRating.alternateName is required"],
    ["a url on another domain", (r: Record<string, unknown>) => (r.url = "https://evil.example.net/x"), "url must be on the hosting page's domain"],
    ["an inverted scale", (r: { reviewRating: Record<string, unknown> }) => ((r.reviewRating.bestRating = 1), (r.reviewRating.worstRating = 5)), "bestRating must be greater than worstRating"],
    ["a rating off the scale", (r: { reviewRating: Record<string, unknown> }) => (r.reviewRating.ratingValue = 9), "ratingValue must lie between worstRating and bestRating"],
  ])("%s", (_name, breakIt, error) => {
    const r = good();
    (breakIt as (r: unknown) => void)(r);
    expect(checkClaimReview(r, pageUrl).errors).toContain(error);
  });
});

describe("jsonForScript", () => {
  it("cannot close the script element it sits in", () => {
    const out = jsonForScript({ q: "</script><script>alert(1)</script>" });
    expect(out).not.toContain("</script>");
    expect(JSON.parse(out)).toEqual({ q: "</script><script>alert(1)</script>" });
  });
});
