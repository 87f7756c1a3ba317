// Binary search over sorted offsets, segments and landmarks: one place for the loop that the engine's
// lookups (diff segments, change groups, landmarks, hash buckets, surrogate pairs) all share.

/**
 * The first index in [lo, hi) whose item is not "before" (`isBefore(index)` false), or `hi` when every
 * item is: the partition point of a range sorted so that all the "before" items come first.
 */
export function partitionPoint(lo: number, hi: number, isBefore: (index: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
