import { partitionPoint } from "./sorted";

/**
 * Unit conversion between JS UTF-16 code units (what `String.prototype.slice` counts) and Unicode code
 * points (what the W3C TextPositionSelector counts, https://www.w3.org/TR/annotation-model/#text-position-selector).
 *
 * Everything inside lib/anchoring works in UTF-16; convert only at the W3C / CLI boundary.
 */

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `offset` (UTF-16) falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/**
 * Converts offsets both ways for one text. Building it is O(n) once; each conversion is then
 * O(log p) where p is the number of astral (non-BMP) characters, and O(1) for BMP-only text.
 */
export class OffsetConverter {
  /** UTF-16 offsets of the high surrogate of each well-formed pair, ascending. */
  private readonly pairs: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(text: string) {
    this.utf16Length = text.length;
    for (let i = 0; i < text.length - 1; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.pairs.push(i);
        i++;
      }
    }
    this.codePointLength = text.length - this.pairs.length;
  }

  /** Number of surrogate pairs that end at or before UTF-16 offset `offset`. */
  private pairsBefore(offset: number): number {
    return partitionPoint(0, this.pairs.length, (i) => this.pairs[i] + 2 <= offset);
  }

  /** UTF-16 offset → code-point offset. An offset inside a pair counts the pair's code point as not yet passed. */
  toCodePoints(utf16Offset: number): number {
    if (this.pairs.length === 0) return utf16Offset;
    return utf16Offset - this.pairsBefore(utf16Offset);
  }

  /** Code-point offset → UTF-16 offset. */
  toUtf16(codePointOffset: number): number {
    if (this.pairs.length === 0) return codePointOffset;
    // The k-th pair (0-based) starts at code point pairs[k] - k. Count pairs starting before the code point.
    const lo = partitionPoint(0, this.pairs.length, (i) => this.pairs[i] - i < codePointOffset);
    return codePointOffset + lo;
  }
}

/** UTF-16 offset → code-point offset (one-off; build an {@link OffsetConverter} for many). */
export function utf16ToCodePoint(text: string, utf16Offset: number): number {
  return new OffsetConverter(text).toCodePoints(utf16Offset);
}

/** Code-point offset → UTF-16 offset (one-off; build an {@link OffsetConverter} for many). */
export function codePointToUtf16(text: string, codePointOffset: number): number {
  return new OffsetConverter(text).toUtf16(codePointOffset);
}

/** Length of `text` in code points. */
export function codePointLength(text: string): number {
  return new OffsetConverter(text).codePointLength;
}
