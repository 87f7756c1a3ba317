/** Scores anchor/reanchor against ground truth on the revision fixtures (tests and benchmark). */
import { anchorAll } from "../anchor";
import { describe } from "../describe";
import { reanchor } from "../reanchor";
import { OffsetConverter } from "../units";
import { EditTruth, judge, UniqueSentenceTruth, type Outcome, type Placement } from "./ground-truth";
import type { IteraterPair, VersionPair } from "./load-fixtures";
import { generateSpans, type ClaimSpan } from "./spans";

export type Counts = { correct: number; wrong: number; flagged: number; total: number };
export type Tally = { untouched: Counts; touched: Counts; all: Counts; wrongCases: string[] };

export function emptyTally(): Tally {
  const c = () => ({ correct: 0, wrong: 0, flagged: 0, total: 0 });
  return { untouched: c(), touched: c(), all: c(), wrongCases: [] };
}

function count(t: Tally, untouched: boolean, outcome: Outcome, describeCase: () => string): void {
  for (const c of [untouched ? t.untouched : t.touched, t.all]) {
    c[outcome]++;
    c.total++;
  }
  if (outcome === "wrong" && t.wrongCases.length < 50) t.wrongCases.push(describeCase());
}

export type Method = "reanchor" | "anchor";

/** Placement of one engine for a list of spans of `before` in `after`. */
export type Engine = (before: string, after: string, spans: ClaimSpan[]) => (Placement | null)[];

export const reanchorEngine: Engine = (before, after, spans) =>
  reanchor(before, after, spans).map((r) => (r.status === "moved" || r.status === "changed" ? { start: r.start, end: r.end } : null));

export const anchorEngine: Engine = (before, after, spans) => {
  const conv = new OffsetConverter(before);
  const targets = spans.map((sp) => {
    const { quote, position } = describe(before, sp.start, sp.end, conv);
    return [quote, position];
  });
  // One batch per text, as the CLI and the embed anchor them: sure placements correct the others' hints.
  return anchorAll(after, targets).map((r) => (r.status === "anchored" ? { start: r.start, end: r.end } : null));
};

export function evaluateIterater(pairs: IteraterPair[], engine: Engine, tally: Tally = emptyTally()): Tally {
  for (const p of pairs) {
    const truth = new EditTruth(p.before, p.edits, p.after);
    const spans = generateSpans(p.before);
    const placed = engine(p.before, p.after, spans);
    spans.forEach((sp, i) => {
      const t = truth.truth(sp.start, sp.end);
      const outcome = judge(t, placed[i]);
      count(tally, t.untouched, outcome, () =>
        `${p.id} ${sp.kind} ${JSON.stringify(p.before.slice(sp.start, sp.end))} → ${JSON.stringify(placed[i] && p.after.slice(placed[i]!.start, placed[i]!.end))} truth=${JSON.stringify(t)} placed=${JSON.stringify(placed[i])}`,
      );
    });
  }
  return tally;
}

/**
 * Whole-article versions: spans inside a sentence found once in each version are "untouched" with a known
 * answer. Other spans have no ground truth; a placement of one counts as wrong only if its text differs from
 * the quote by more than half (the loosest tolerance the engine documents), else it is not counted.
 */
export function evaluateVersions(pairs: VersionPair[], engine: Engine, tally: Tally = emptyTally()): Tally {
  for (const p of pairs) {
    const truth = new UniqueSentenceTruth(p.before, p.after);
    const spans = generateSpans(p.before);
    const placed = engine(p.before, p.after, spans);
    spans.forEach((sp, i) => {
      const expected = truth.expected(sp.start, sp.end);
      const got = placed[i];
      if (expected) {
        const outcome: Outcome = !got ? "flagged" : got.start === expected.start && got.end === expected.end ? "correct" : "wrong";
        count(tally, true, outcome, () => `${p.id} ${sp.kind} ${JSON.stringify(p.before.slice(sp.start, sp.end))} expected ${JSON.stringify(expected)} got ${JSON.stringify(got)} ${JSON.stringify(got && p.after.slice(got.start, got.end))}`);
      }
    });
  }
  return tally;
}
