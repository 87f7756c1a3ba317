/**
 * Factmark anchoring engine (issue 3). Pure TypeScript: no DOM, no Node-only APIs; imported by server code
 * and browser components alike. Offsets are JS UTF-16 code units everywhere except in W3C
 * TextPositionSelectors, which count Unicode code points (convert with the helpers from ./units).
 * Design, thresholds and units: docs/anchoring.md.
 */
export type { TextQuoteSelector, TextPositionSelector, Selector, Span, AnchorCandidate, AnchorResult, ReanchorResult } from "./types";
export { describe, CONTEXT_LENGTH } from "./describe";
export {
  anchor,
  anchorAll,
  type AnchorOptions,
  MIN_SCORE,
  MIN_CONTEXT_EXACT,
  LONG_QUOTE_LENGTH,
  MIN_SCORE_EXACT,
  MIN_CONTEXT_FUZZY,
  AMBIGUITY_MARGIN,
  MAX_FUZZY_ERROR_RATE,
  MIN_FUZZY_QUOTE_LENGTH,
  FUZZY_EDGE,
  WEIGHT_QUOTE,
  WEIGHT_CONTEXT,
  WEIGHT_POSITION,
  TRACE_MIN_CONTEXT,
  TRACE_MAX_DISTANCE,
  TRACE_PIECE,
  TRACE_MAX_LENGTH_CHANGE,
  SLIDE_MAX_INSERT,
  TWIN_DISTANCE_RATIO,
  TWIN_MIN_SEPARATION,
  COLLAPSE_PIECE,
  LONE_MAX_DRIFT,
  LONE_MIN_QUOTE,
  LONE_MIN_CONTEXT,
  quoteWeight,
} from "./anchor";
export { reanchor, CHANGED_MIN_SIMILARITY, RELOCATE_MIN_SUPPORT, ORPHAN_MAX_KEPT } from "./reanchor";
export { OffsetConverter, utf16ToCodePoint, codePointToUtf16, codePointLength } from "./units";
