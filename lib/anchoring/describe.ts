import type { TextPositionSelector, TextQuoteSelector } from "./types";
import { OffsetConverter } from "./units";

/** Context kept on each side of a quote, in code points (issue 3: "prefix and suffix of up to 32 characters"). */
export const CONTEXT_LENGTH = 32;

/** Moves `offset` back by up to `count` code points without splitting a surrogate pair. */
function backCodePoints(text: string, offset: number, count: number): number {
  let i = offset;
  for (let n = 0; n < count && i > 0; n++) {
    i--;
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const h = text.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) i--;
    }
  }
  return i;
}

/** Moves `offset` forward by up to `count` code points without splitting a surrogate pair. */
function forwardCodePoints(text: string, offset: number, count: number): number {
  let i = offset;
  for (let n = 0; n < count && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i++;
    if (c >= 0xd800 && c <= 0xdbff && i < text.length) {
      const l = text.charCodeAt(i);
      if (l >= 0xdc00 && l <= 0xdfff) i++;
    }
  }
  return i;
}

export function checkSpan(text: string, start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new RangeError(`span offsets must be integers (got ${start}, ${end})`);
  if (start < 0 || end > text.length || start > end) throw new RangeError(`span [${start}, ${end}) is outside the text (length ${text.length}) or reversed`);
}

/**
 * Builds W3C selectors for the span [start, end) of `text`.
 * `start`/`end` are JS UTF-16 offsets; the returned TextPositionSelector counts code points.
 * `converter` lets callers describing many spans of one text reuse the offset index.
 */
export function describe(
  text: string,
  start: number,
  end: number,
  converter: OffsetConverter = new OffsetConverter(text),
): { quote: TextQuoteSelector; position: TextPositionSelector } {
  checkSpan(text, start, end);
  const prefixStart = backCodePoints(text, start, CONTEXT_LENGTH);
  const suffixEnd = forwardCodePoints(text, end, CONTEXT_LENGTH);
  return {
    quote: {
      type: "TextQuoteSelector",
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
    position: { type: "TextPositionSelector", start: converter.toCodePoints(start), end: converter.toCodePoints(end) },
  };
}
