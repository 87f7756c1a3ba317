import type { Node as PMNode } from "@tiptap/pm/model";
import { BLOCK_SEPARATOR, buildIndex, posToOffset } from "./offsets";

/**
 * Plain-text offset → ProseMirror position for one document, built once (O(n)) and answered by
 * binary search (O(log n)), so placing a thousand highlights does not walk the document a
 * thousand times. Same rules as offsets.ts offsetToPos (separator offsets snap to the next block).
 */
export function createOffsetMapper(doc: PMNode) {
  const { segments, length } = buildIndex(doc, BLOCK_SEPARATOR);
  function toPos(offset: number): number {
    const target = Math.max(0, Math.min(offset, length));
    let lo = 0;
    let hi = segments.length - 1;
    let found = -1;
    // Last segment whose start offset is <= target.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid].offset <= target) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return segments[0]?.pos ?? 0;
    // Prefer the earliest segment that still contains the target (a text segment ending exactly
    // at the target, rather than the next block's start marker).
    let i = found;
    while (i > 0 && segments[i - 1].offset + segments[i - 1].length >= target && segments[i - 1].offset <= target) i--;
    for (let j = i; j < segments.length; j++) {
      const s = segments[j];
      if (target >= s.offset && target <= s.offset + s.length) return s.pos + Math.min(target - s.offset, s.size);
      if (s.offset > target) return s.pos;
    }
    return doc.content.size;
  }
  return { toPos, toOffset: (pos: number) => posToOffset(doc, pos), length };
}
