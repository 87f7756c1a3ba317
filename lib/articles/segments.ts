// Splits a run of text into pieces at every highlight boundary, so each piece knows exactly which
// highlights cover it. Pure: the document renderer uses it to wrap words in <mark> elements.

export type Interval = { id: string; start: number; end: number };
export type Piece = { start: number; end: number; covering: string[] };

/**
 * Pieces of [from, to) cut at every interval boundary inside it. `covering` lists the ids of the
 * intervals over the piece, outermost (longest) first, so nesting renders inside out.
 */
export function splitAtBoundaries(from: number, to: number, intervals: Interval[]): Piece[] {
  const inside = intervals.filter((i) => i.start < to && i.end > from && i.end > i.start);
  const cuts = new Set<number>([from, to]);
  for (const i of inside) {
    if (i.start > from) cuts.add(i.start);
    if (i.end < to) cuts.add(i.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byLength = [...inside].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.id.localeCompare(b.id));
  const pieces: Piece[] = [];
  for (let k = 0; k < points.length - 1; k++) {
    const start = points[k];
    const end = points[k + 1];
    if (end <= start) continue;
    pieces.push({ start, end, covering: byLength.filter((i) => i.start <= start && i.end >= end).map((i) => i.id) });
  }
  return pieces;
}
