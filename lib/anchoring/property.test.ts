/**
 * Property tests (issue 3): random texts, random edits (insert, delete, replace, move a paragraph).
 * 1. Every span the edits do not touch re-anchors (reanchor) to exactly its shifted offsets.
 * 2. No span is ever placed on text that does not match its quote within the documented tolerance:
 *    reanchor `moved` = identical text, `changed` = LCS ≥ CHANGED_MIN_SIMILARITY of the longer quote;
 *    anchor `position`/`quote` = identical text, `fuzzy` = edit distance ≤ MAX_FUZZY_ERROR_RATE · length.
 * 3. Selector-only anchor never places an untouched span anywhere but its true place.
 *
 * Inserted words come from a vocabulary disjoint from the original text, so the ground truth is unique up to
 * "sliding": deleting "ab" from "abab" or inserting "\n\nP" before "\n\nQ" has several equally valid
 * alignments. Spans within one character of such a slide zone are checked for (2) only.
 */
import fc from "fast-check";
import { afterAll, describe as suite, expect, it } from "vitest";
import { anchor, anchorAll, MAX_FUZZY_ERROR_RATE } from "./anchor";
import { describe } from "./describe";
import { CHANGED_MIN_SIMILARITY, reanchor } from "./reanchor";
import { lcsLength, levenshtein } from "./similarity";
import { EditTruth, type Edit } from "./testing/ground-truth";
import type { AnchorResult, Selector } from "./types";

/**
 * One seed for every run, so CI checks the same cases each time; FC_SEED=<n> (and FC_RUNS) explore others.
 * Unseeded, about one random case in 10,000 hits the limit stated at MIN_GAP below with edits 12–16
 * characters apart (e.g. inserting "QUAX QUAX " before "minister rose " and deleting "tonnes water " after
 * it): the minimal word diff can keep the spaces between the words instead of the words, and the span is
 * flagged (orphaned), never misplaced, which property 2 checks for every case.
 */
const SOAK = process.env.FC_SOAK === "1";
// The soak (`npm run test:anchoring-soak`, not in CI) draws a fresh seed each time; fast-check prints it with any
// counterexample, and FC_SEED=<seed> replays it.
const RUN = { seed: Number(process.env.FC_SEED ?? (SOAK ? Math.floor(Math.random() * 2 ** 31) : 20261129)) };
if (SOAK) console.log(`anchoring soak: seed ${RUN.seed}, ${process.env.FC_RUNS ?? "default"} cases per property`);
/** Untouched spans the soak saw flagged instead of placed (never a failure there; a wrong placement is). */
const soakFlags = { count: 0, examples: [] as string[] };
afterAll(() => {
  if (SOAK) console.log(`anchoring soak: ${soakFlags.count} untouched spans flagged (safe), e.g.\n${soakFlags.examples.join("\n")}`);
});
/** Cases per property: the CI default, or FC_RUNS for all of them (the soak sets 100,000). */
const runs = (ciDefault: number) => Number(process.env.FC_RUNS ?? ciDefault);

const OLD_WORDS = ["the", "a", "of", "council", "budget", "rose", "by", "percent", "in", "mayor", "said", "police", "crash", "north", "river", "bridge", "vote", "12", "2023", "people", "died", "report", "minister", "water", "plant", "tonnes", "year", "city", "and", "was"];
const NEW_WORDS = ["QUAX", "ZORP", "VEX", "JIB", "KLOM", "WUD", "99", "YRK"];

type Doc = { paragraphs: string[][] };

const wordsArb = (min: number, max: number) => fc.array(fc.constantFrom(...OLD_WORDS), { minLength: min, maxLength: max });
// Each paragraph starts with its own marker word, so no two paragraphs are identical (a moved copy of a
// duplicated paragraph has no single right answer).
const docArb: fc.Arbitrary<Doc> = fc.array(wordsArb(8, 25), { minLength: 2, maxLength: 6 }).map((paragraphs) => ({ paragraphs: paragraphs.map((p, i) => [`para${i}`, ...p]) }));

type EditSpec = { kind: "insert" | "delete" | "replace"; at: number; len: number; words: string[] } | { kind: "move"; from: number; to: number };

const editArb: fc.Arbitrary<EditSpec> = fc.oneof(
  fc.record({ kind: fc.constantFrom("insert" as const, "delete" as const, "replace" as const), at: fc.nat(10_000), len: fc.integer({ min: 1, max: 4 }), words: fc.array(fc.constantFrom(...NEW_WORDS), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("move" as const), from: fc.nat(100), to: fc.nat(100) }),
);

/** Builds the old text and a non-overlapping edit list (on word boundaries) from the specs. */
function build(doc: Doc, specs: EditSpec[]): { oldText: string; edits: Edit[] } {
  const paras = doc.paragraphs.map((p) => p.join(" "));
  const oldText = paras.join("\n\n");
  // word boundaries [start, end) in oldText, with paragraph index
  const words: { start: number; end: number; para: number }[] = [];
  const paraStart: number[] = [];
  let off = 0;
  paras.forEach((p, i) => {
    paraStart.push(off);
    let w = off;
    for (const word of doc.paragraphs[i]) {
      words.push({ start: w, end: w + word.length, para: i });
      w += word.length + 1;
    }
    off += p.length + 2;
  });
  const edits: Edit[] = [];
  const used: [number, number][] = [];
  // Edits keep MIN_GAP characters apart. Two edits a word apart admit equally cheap word alignments
  // ("para1 the" → "QUAX para1": insert + delete, or two swaps around the kept space); the diff may pick the
  // other one, and the span between is then reported changed/flagged instead of moved. That is a limit of
  // any diff that is not told the edit steps, so property 1 is stated for edits at least a few words apart.
  const MIN_GAP = 12;
  const free = (a: number, b: number) => used.every(([x, y]) => b + MIN_GAP < x || a > y + MIN_GAP);
  let moved = false;
  // The move first; other edits stay out of the paragraphs it jumps over. Then the moved paragraph is the
  // cheapest thing to move, and whichever paragraphs the diff chooses to treat as moved are unedited.
  const ordered = [...specs.filter((x) => x.kind === "move"), ...specs.filter((x) => x.kind !== "move")];
  for (const spec of ordered) {
    if (spec.kind === "move") {
      if (moved || paras.length < 3) continue;
      const from = 1 + (spec.from % (paras.length - 1)); // move paragraph `from` (not the first) with its leading "\n\n"
      const a = paraStart[from] - 2;
      const b = paraStart[from] + paras[from].length;
      let to = spec.to % paras.length; // insert before the "\n\n" that precedes paragraph `to`, or at the end
      if (to === from || to === from + 1) to = (from + 2) % (paras.length + 1);
      const at = to === 0 || to >= paras.length ? oldText.length : paraStart[to] - 2;
      if (at >= a && at <= b) continue;
      // the moved paragraph must be at most half as long as what it jumps over
      const jumped = at > b ? at - b : a - at;
      if (2 * (b - a) > jumped) continue;
      if (!free(a, b) || !free(at, at)) continue;
      edits.push({ start: a, end: b, text: "" }, { start: at, end: at, text: oldText.slice(a, b) });
      // Keep other edits out of the neighbouring paragraphs too: a move right next to an edit can make the
      // minimal diff pick an equally cheap different alignment; such spans are then flagged (never misplaced,
      // which property 2 still checks), so property 1 does not hold for them.
      used.push([Math.max(0, Math.min(a, at) - 150), Math.max(b, at) + 150]);
      moved = true;
      continue;
    }
    const i = spec.at % words.length;
    const j = Math.min(words.length - 1, i + spec.len - 1);
    if (words[j].para !== words[i].para) continue;
    const inserted = spec.words.join(" ");
    let edit: Edit;
    if (spec.kind === "insert") edit = { start: words[i].start, end: words[i].start, text: inserted + " " };
    else if (spec.kind === "replace") edit = { start: words[i].start, end: words[j].end, text: inserted };
    else {
      // delete words i..j and the space after them (or before, at a paragraph end)
      const last = j + 1 < words.length && words[j + 1].para === words[i].para;
      edit = last ? { start: words[i].start, end: words[j + 1].start, text: "" } : { start: i > 0 && words[i - 1].para === words[i].para ? words[i - 1].end : words[i].start, end: words[j].end, text: "" };
      if (edit.start === edit.end) continue;
    }
    if (!free(edit.start, edit.end)) continue;
    edits.push(edit);
    used.push([edit.start, edit.end]);
  }
  return { oldText, edits };
}

/**
 * [from, to] of old offsets where an equally cheap alignment could place the edit differently. Besides
 * sliding ("abab" minus "ab"), an inserted or deleted text Y can "borrow" the old text X next to it when
 * X + Y = Y1 + X + Y2 (inserting "… the died percent …" right after "died" can keep either "died").
 */
function slideZone(old: string, e: Edit): [number, number] {
  let lo = e.start;
  let hi = e.end;
  const pieces = [e.text, old.slice(e.start, e.end)].filter((y) => y.length > 0);
  for (const y of pieces) {
    for (let k = 1; k <= 64 && e.start - k >= 0; k++) {
      const x = old.slice(e.start - k, e.start);
      if ((x + y).indexOf(x, 1) !== -1) lo = Math.min(lo, e.start - k);
    }
    for (let k = 1; k <= 64 && e.end + k <= old.length; k++) {
      const x = old.slice(e.end, e.end + k);
      const joined = y + x;
      if (joined.lastIndexOf(x, joined.length - x.length - 1) !== -1) hi = Math.max(hi, e.end + k);
    }
  }
  return [lo, hi];
}

const spanArb = fc.tuple(fc.nat(100_000), fc.integer({ min: 1, max: 60 }));

function similarEnough(oldQuote: string, newQuote: string): boolean {
  return lcsLength(oldQuote, newQuote) / Math.max(oldQuote.length, newQuote.length) >= CHANGED_MIN_SIMILARITY;
}

// 60 s: on the shared 2-core machine (load 25) the 200-case runs took over the 5 s default.
// The soak runs 100,000 cases per property: no time limit there (vitest's --testTimeout does not override a suite option).
suite("properties", { timeout: SOAK ? 0 : 60_000 }, () => {
  it("reanchor: untouched spans land exactly; nothing is placed beyond tolerance", () => {
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), fc.array(spanArb, { minLength: 1, maxLength: 30 }), (doc, specs, rawSpans) => {
        const { oldText, edits } = build(doc, specs);
        const truth = new EditTruth(oldText, edits);
        const newText = truth.newText;
        const zones = edits.map((e) => slideZone(oldText, e));
        const spans = rawSpans.map(([a, len]) => {
          const start = a % oldText.length;
          return { start, end: Math.min(oldText.length, start + len) };
        });
        const results = reanchor(oldText, newText, spans);
        spans.forEach((sp, i) => {
          const r = results[i];
          const oldQuote = oldText.slice(sp.start, sp.end);
          if (r.status === "moved") expect(newText.slice(r.start, r.end)).toBe(oldQuote);
          if (r.status === "changed") {
            expect(newText.slice(r.start, r.end)).toBe(r.newQuote);
            expect(similarEnough(oldQuote, r.newQuote)).toBe(true);
          }
          const t = truth.truth(sp.start, sp.end);
          const nearSlide = zones.some(([lo, hi]) => sp.start < hi + 1 && sp.end > lo - 1);
          if (t.untouched && !nearSlide) {
            const flagged = r.status === "orphaned" || r.status === "needs-recheck";
            if (SOAK && flagged) {
              // Safe (flagged, not misplaced): counted and reported, see the limit stated at MIN_GAP.
              soakFlags.count++;
              if (soakFlags.examples.length < 3) soakFlags.examples.push(JSON.stringify({ oldText, newText, sp, edits, status: r.status }));
            } else expect(r, JSON.stringify({ oldText, newText, sp, edits })).toEqual(expect.objectContaining({ status: "moved", start: t.expected.start, end: t.expected.end }));
          }
        });
      }),
      { ...RUN, numRuns: runs(1000) },
    );
  });

  /**
   * Both engines, on random edits: a placement reproduces its quote (within the fuzzy tolerance), and an exact
   * placement of an untouched span is its true place unless the text there is identical in quote *and* full
   * context (a genuinely duplicated passage, which no selector can tell apart).
   */
  function placementsWithinTolerance(engine: (newText: string, targets: Selector[][]) => AnchorResult[], maxSpans: number): void {
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), fc.array(spanArb, { minLength: 1, maxLength: maxSpans }), (doc, specs, rawSpans) => {
        const { oldText, edits } = build(doc, specs);
        const truth = new EditTruth(oldText, edits);
        const newText = truth.newText;
        const zones = edits.map((e) => slideZone(oldText, e));
        const spans = rawSpans.map(([a, len]) => {
          const start = a % oldText.length;
          return { start, end: Math.min(oldText.length, start + len) };
        });
        const described = spans.map(({ start, end }) => describe(oldText, start, end));
        const results = engine(newText, described.map(({ quote, position }) => [quote, position]));
        for (const [k, { start, end }] of spans.entries()) {
          const { quote } = described[k];
          const r = results[k];
          if (r.status !== "anchored") continue;
          const placed = newText.slice(r.start, r.end);
          if (r.method === "fuzzy") expect(levenshtein(placed, quote.exact)).toBeLessThanOrEqual(Math.floor(MAX_FUZZY_ERROR_RATE * quote.exact.length));
          else expect(placed).toBe(quote.exact);
          const t = truth.truth(start, end);
          // Near a slide zone the edit list is one of several equal descriptions of the change (a paragraph moved
          // with the blank line before it, or with the one after it); found by the soak, seed 80976486.
          const nearSlide = zones.some(([lo, hi]) => start < hi + 1 && end > lo - 1);
          if (t.untouched && !nearSlide && placed === quote.exact && r.method !== "fuzzy" && r.start !== t.expected.start) {
            const ctxHere = newText.slice(Math.max(0, r.start - 32), r.end + 32);
            const ctxTrue = newText.slice(Math.max(0, t.expected.start - 32), t.expected.end + 32);
            expect(ctxHere, JSON.stringify({ oldText, newText, start, end, r })).toBe(ctxTrue);
          }
        }
      }),
      { ...RUN, numRuns: runs(200) },
    );
  }

  it("anchor: placements match their quote within tolerance; untouched spans are exact or flagged", () => {
    placementsWithinTolerance((newText, targets) => targets.map((t) => anchor(newText, t)), 20);
  });

  it("anchorAll (a batch): placements match their quote within tolerance; untouched spans are exact or flagged", () => {
    placementsWithinTolerance(anchorAll, 60);
  });

  it("describe → anchor on the unchanged text always finds the span (or flags a true duplicate)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", " ", "😀", "é", "\n"), minLength: 1, maxLength: 80 }), fc.nat(), fc.nat(), (text, x, y) => {
        const cps = Array.from(text);
        let s = x % (cps.length + 1);
        let e = y % (cps.length + 1);
        if (s > e) [s, e] = [e, s];
        if (s === e) return;
        const start = cps.slice(0, s).join("").length;
        const end = cps.slice(0, e).join("").length;
        const { quote, position } = describe(text, start, end);
        expect(position).toEqual({ type: "TextPositionSelector", start: s, end: e });
        const r = anchor(text, [quote, position]);
        expect(r).toMatchObject({ status: "anchored", start, end, method: "position" });
      }),
      { ...RUN, numRuns: runs(300) },
    );
  });
});
