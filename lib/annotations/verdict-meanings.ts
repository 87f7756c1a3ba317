import type { TVerdict } from "@/lib/verdicts";

/** What each verdict asserts; the text of the verdict IRIs' pages (/verdicts/<VERDICT>). */
export const VERDICT_MEANINGS: Record<TVerdict, string> = {
  UNVERIFIED: "The claim has not been checked yet. No finding is stated.",
  ACCURATE: "The claim is correct and nothing significant is missing.",
  MOSTLY_ACCURATE: "The claim is correct in substance but needs clarification or a detail is wrong.",
  MISSING_CONTEXT: "The claim is technically correct but leaves out context that changes how a reader would understand it.",
  MISLEADING: "The claim contains some truth but gives a false impression as a whole.",
  FALSE: "The claim is wrong: the evidence contradicts it.",
  UNSUPPORTED: "No evidence was found for the claim; it may be true, but nothing shows it.",
  DISPUTED: "Credible sources disagree, and the evidence does not settle the question.",
};
