/** A suggestion is covered when a claim lies inside its sentence or overlaps at least half of it. */
export function isCovered(s: { start: number; end: number }, claims: { start: number; end: number }[]): boolean {
  return claims.some((c) => Math.min(c.end, s.end) - Math.max(c.start, s.start) >= (s.end - s.start) / 2 || (c.start >= s.start && c.end <= s.end));
}
