// The fixed verdict scale: one place for each verdict's label, colours and ClaimReview rating.
// Client-safe (no server imports): the form, the highlights and the JSON-LD all read it.

export const VERDICTS = ["UNVERIFIED", "ACCURATE", "MOSTLY_ACCURATE", "MISSING_CONTEXT", "MISLEADING", "FALSE", "UNSUPPORTED", "DISPUTED"] as const;
export type TVerdict = (typeof VERDICTS)[number];

export type VerdictInfo = {
  label: string;
  /** Solid colour for badges and underlines; white text on it passes WCAG AA (≥ 4.5:1). */
  color: string;
  /** Light tint behind highlighted article text; the article's ink on it passes WCAG AA. */
  tint: string;
  /** Underline style, so colour is never the only signal. */
  underline: "solid" | "double" | "dashed" | "dotted" | "wavy";
  /**
   * schema.org Rating on a 1 (worst) … 5 (best) scale, or null: an unchecked claim is never
   * published with a rating, because a rating would state a finding that does not exist.
   */
  rating: { ratingValue: 1 | 2 | 3 | 4 | 5; alternateName: string } | null;
};

export const BEST_RATING = 5;
export const WORST_RATING = 1;

export const VERDICT_INFO: Record<TVerdict, VerdictInfo> = {
  UNVERIFIED: { label: "Not yet checked", color: "#4b5563", tint: "#eef0f3", underline: "dotted", rating: null },
  ACCURATE: { label: "Accurate", color: "#1a7f37", tint: "#dcfce7", underline: "solid", rating: { ratingValue: 5, alternateName: "Accurate" } },
  MOSTLY_ACCURATE: { label: "Mostly accurate", color: "#3f6212", tint: "#ecfccb", underline: "solid", rating: { ratingValue: 4, alternateName: "Mostly accurate" } },
  MISSING_CONTEXT: { label: "Missing context", color: "#8a5a00", tint: "#fef3c7", underline: "dashed", rating: { ratingValue: 3, alternateName: "Missing context" } },
  MISLEADING: { label: "Misleading", color: "#b54708", tint: "#ffedd5", underline: "wavy", rating: { ratingValue: 2, alternateName: "Misleading" } },
  FALSE: { label: "False", color: "#b42318", tint: "#fee4e2", underline: "double", rating: { ratingValue: 1, alternateName: "False" } },
  // Neither verdict is a point between true and false; the rating places them where a reader
  // should put them, and alternateName says what they really are.
  UNSUPPORTED: { label: "No evidence found", color: "#6b21a8", tint: "#f3e8ff", underline: "dashed", rating: { ratingValue: 2, alternateName: "No evidence found" } },
  DISPUTED: { label: "Credible sources disagree", color: "#1d4ed8", tint: "#dbeafe", underline: "double", rating: { ratingValue: 3, alternateName: "Credible sources disagree" } },
};

export function verdictLabel(v: TVerdict): string {
  return VERDICT_INFO[v].label;
}

/** The ClaimReview `reviewRating` for a verdict, or null when the verdict must not be published as a rating. */
export function claimReviewRating(v: TVerdict) {
  const rating = VERDICT_INFO[v].rating;
  if (!rating) return null;
  return { "@type": "Rating", ratingValue: rating.ratingValue, bestRating: BEST_RATING, worstRating: WORST_RATING, alternateName: rating.alternateName } as const;
}

export const STANCES = ["SUPPORTS", "REFUTES", "CONTEXT"] as const;
export type TStance = (typeof STANCES)[number];
export const STANCE_LABELS: Record<TStance, string> = { SUPPORTS: "Supports the claim", REFUTES: "Refutes the claim", CONTEXT: "Context" };
