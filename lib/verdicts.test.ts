import { describe, expect, it } from "vitest";
import { claimReviewRating, VERDICT_INFO, VERDICTS } from "./verdicts";

// WCAG 2.x relative luminance and contrast ratio.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
const ARTICLE_INK = "#1b1f24";

describe("verdict scale", () => {
  it.each(VERDICTS)("%s passes WCAG AA as a badge and as a highlight", (v) => {
    const info = VERDICT_INFO[v];
    expect(contrast(info.color, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(ARTICLE_INK, info.tint)).toBeGreaterThanOrEqual(4.5);
  });

  it("uses the labels the newsroom agreed", () => {
    expect(VERDICT_INFO.UNVERIFIED.label).toBe("Not yet checked");
    expect(VERDICT_INFO.UNSUPPORTED.label).toBe("No evidence found");
    expect(VERDICT_INFO.DISPUTED.label).toBe("Credible sources disagree");
  });

  it("gives every verdict its own colour", () => {
    expect(new Set(VERDICTS.map((v) => VERDICT_INFO[v].color)).size).toBe(VERDICTS.length);
  });
});

describe("verdict → ClaimReview rating", () => {
  it.each([
    ["FALSE", 1, "False"],
    ["MISLEADING", 2, "Misleading"],
    ["UNSUPPORTED", 2, "No evidence found"],
    ["MISSING_CONTEXT", 3, "Missing context"],
    ["DISPUTED", 3, "Credible sources disagree"],
    ["MOSTLY_ACCURATE", 4, "Mostly accurate"],
    ["ACCURATE", 5, "Accurate"],
  ] as const)("%s → %i (%s)", (v, value, name) => {
    expect(claimReviewRating(v)).toEqual({ "@type": "Rating", ratingValue: value, bestRating: 5, worstRating: 1, alternateName: name });
  });

  it("publishes no rating for an unchecked claim", () => {
    expect(claimReviewRating("UNVERIFIED")).toBeNull();
  });

  it("orders the accuracy verdicts from worst to best", () => {
    const scale = (["FALSE", "MISLEADING", "MISSING_CONTEXT", "MOSTLY_ACCURATE", "ACCURATE"] as const).map((v) => claimReviewRating(v)!.ratingValue);
    expect(scale).toEqual([1, 2, 3, 4, 5]);
  });
});
