import type { TVerdict } from "./verdicts";

/** A glyph per verdict, shown beside the colour and underline so colour is never the only signal. */
export const VERDICT_ICONS: Record<TVerdict, string> = {
  UNVERIFIED: "…",
  ACCURATE: "✓",
  MOSTLY_ACCURATE: "≈",
  MISSING_CONTEXT: "◐",
  MISLEADING: "!",
  FALSE: "✗",
  UNSUPPORTED: "?",
  DISPUTED: "⇄",
};
