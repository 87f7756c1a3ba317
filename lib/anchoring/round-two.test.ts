/**
 * Issue 13, round two: the batch rules of anchorAll that place claims on partial evidence (moved passage with
 * witnesses and twin guards, side-certified place, the document-edge check) and the deduplication of identical
 * targets. Each case is judged by the fixtures' ground truth (testing/ground-truth.ts): a placement must be
 * exact for an untouched claim, and nothing may be placed wrongly; where a rule is what places a claim, the
 * test also shows that `anchor` alone (no witnesses, no landmarks) flags it.
 */
import { describe as suite, expect, it } from "vitest";
import { anchor, anchorAll, documentEdgeElsewhere } from "./anchor";
import { describe } from "./describe";
import { EditTruth, judge, type Edit } from "./testing/ground-truth";
import { generateSpans } from "./testing/spans";
import type { AnchorResult, Selector } from "./types";

function selectorsOf(before: string, spans: { start: number; end: number }[]): Selector[][] {
  return spans.map((sp) => {
    const d = describe(before, sp.start, sp.end);
    return [d.quote, d.position];
  });
}

function placement(r: AnchorResult) {
  return r.status === "anchored" ? { start: r.start, end: r.end } : null;
}

/** Runs anchorAll on every generated claim of `before`; returns the outcomes of the claims inside [from, to). */
function outcomesIn(before: string, edits: Edit[], from: number, to: number) {
  const truth = new EditTruth(before, edits);
  const after = truth.newText;
  const spans = generateSpans(before, { shortStride: 1 });
  const sels = selectorsOf(before, spans);
  const batch = anchorAll(after, sels);
  let wrong = 0;
  const inside: { quote: string; batch: string; alone: string }[] = [];
  spans.forEach((sp, i) => {
    const t = truth.truth(sp.start, sp.end);
    const o = judge(t, placement(batch[i]));
    if (o === "wrong") wrong++;
    if (sp.start >= from && sp.end <= to && t.untouched) inside.push({ quote: before.slice(sp.start, sp.end), batch: o, alone: judge(t, placement(anchor(after, sels[i]))) });
  });
  return { wrong, inside };
}

const P1 = "The harbour board met on Monday to discuss the new ferry timetable. Members agreed that winter crossings should start an hour later. The chair thanked the volunteers who counted passengers last summer.";
const P2 = "Repairs to the northern pier will begin in March and last six weeks. Fishing boats will moor at the southern quay during the works. A temporary footbridge links the car park to the ticket office.";
const P3 = "Ticket prices stay the same for residents, while visitors pay two pounds more. The board will review the fares again in the autumn.";
const MOVED = "Fishing boats will moor at the southern quay during the works. ";

suite("moved passage (witness claims, twin guards)", () => {
  const before = [P1, P2, P3].join("\n\n");
  const at = before.indexOf(MOVED);
  // The sentence is cut from the second paragraph and pasted at the end of the third.
  const move: Edit[] = [
    { start: at, end: at + MOVED.length, text: "" },
    { start: before.length, end: before.length, text: " " + MOVED.trim() },
  ];

  it("places the claims of a moved sentence that anchor alone flags, and nothing wrongly", () => {
    const { wrong, inside } = outcomesIn(before, move, at, at + MOVED.length);
    expect(wrong).toBe(0);
    expect(inside.length).toBeGreaterThan(10);
    expect(inside.every((c) => c.batch === "correct"), JSON.stringify(inside)).toBe(true);
    // Without witnesses the claims whose context crossed the sentence's edge are flagged.
    expect(inside.some((c) => c.alone === "flagged")).toBe(true);
  });

  it("does not place on a moved sentence when a verbatim copy of it stands elsewhere too (twin)", () => {
    const withTwin = [P1, P2, P3, "Notice: " + MOVED.trim() + " Thank you."].join("\n\n");
    const a = withTwin.indexOf(MOVED);
    const { wrong, inside } = outcomesIn(withTwin, [{ start: a, end: a + MOVED.length, text: "" }, { start: withTwin.indexOf("The board will review"), end: withTwin.indexOf("The board will review"), text: MOVED }], a, a + MOVED.length);
    expect(wrong).toBe(0);
    expect(inside.length).toBeGreaterThan(10);
  });

  it("does not take a copy elsewhere for a move when the claim's own passage was edited and stayed", () => {
    // The second paragraph's sentence is edited in place; a copy of its old wording stands in a later paragraph.
    const copy = [P1, P2, P3, "Earlier notice: " + MOVED.trim()].join("\n\n");
    const a = copy.indexOf("southern quay");
    const { wrong } = outcomesIn(copy, [{ start: a, end: a + "southern quay".length, text: "eastern jetty" }], 0, copy.length);
    expect(wrong).toBe(0);
  });
});

suite("side-certified place", () => {
  // A near-duplicate of the second sentence stands far away with a better context; the claim's own suffix is
  // edited. The landmarks on both sides of the claim put it between them, where only one copy keeps a whole side.
  const filler = (n: number) =>
    Array.from({ length: n }, (_, i) => `Paragraph ${i} records the ${["tide", "wind", "catch", "fuel", "cargo"][i % 5]} figures of week ${i + 3} for the harbour log.`).join(" ");
  const sentence = "The pelagic zone consists of the water column of the open ocean, and can be divided further.";
  const before = `${filler(6)}\n\nThe report says: ${sentence} It was measured twice.\n\n${filler(12)}\n\nAn older note repeats it: ${sentence.replace("divided further", "split further")} That note is kept.\n\n${filler(6)}`;
  const from = before.indexOf("the open ocean, and can be divided");
  const edit: Edit = { start: from + "the ".length, end: from + "the open ocean".length, text: "deep sea" };

  it("places a claim whose prefix is whole and whose suffix an edit broke, between its landmarks", () => {
    const truth = new EditTruth(before, [edit]);
    const after = truth.newText;
    const start = before.indexOf("water column of") + "water column ".length;
    const span = { start, end: start + 2 }; // "of"
    expect(before.slice(span.start, span.end)).toBe("of");
    // Many claims around it give the batch its landmarks.
    const spans = [...generateSpans(before, { shortStride: 1 }), span];
    const sels = selectorsOf(before, spans);
    const results = anchorAll(after, sels);
    const t = truth.truth(span.start, span.end);
    expect(t.untouched).toBe(true);
    expect(judge(t, placement(results[results.length - 1]))).toBe("correct");
    expect(judge(t, placement(anchor(after, sels[sels.length - 1])))).not.toBe("wrong");
    spans.forEach((sp, i) => expect(judge(truth.truth(sp.start, sp.end), placement(results[i]))).not.toBe("wrong"));
  });
});

suite("documentEdgeElsewhere", () => {
  const text = "Legacy of kings. Notes.\n\nLegacy of kings. More notes follow here.";
  it("a prefix that reached the document start must be at the start", () => {
    expect(documentEdgeElsewhere(text, { type: "TextQuoteSelector", exact: "Legacy", prefix: "", suffix: " of kings. Notes.\n\nLegacy of kin" }, 0, 6)).toBe(false);
    expect(documentEdgeElsewhere(text, { type: "TextQuoteSelector", exact: "Legacy", prefix: "", suffix: " of kings. More notes follow her" }, 25, 31)).toBe(true);
  });
  it("a suffix that reached the document end must be at the end", () => {
    const end = text.length - " here.".length;
    expect(documentEdgeElsewhere(text, { type: "TextQuoteSelector", exact: "follow", prefix: text.slice(end - 6 - 32, end - 6), suffix: " here." }, end - 6, end)).toBe(false);
    expect(documentEdgeElsewhere(text, { type: "TextQuoteSelector", exact: "Notes", prefix: "Legacy of kings. ", suffix: "." }, 17, 22)).toBe(true);
  });
});

suite("identical targets", () => {
  it("get the same answer as one target alone, each in its own result object", () => {
    const before = [P1, P2, P3].join("\n\n");
    const start = before.indexOf("The board");
    const sel = selectorsOf(before, [{ start: before.indexOf("board"), end: before.indexOf("board") + 5 }])[0];
    const other = selectorsOf(before, [{ start, end: start + 9 }])[0];
    const results = anchorAll(before, [sel, other, sel, sel]);
    expect(results[0]).toEqual(anchor(before, sel));
    expect(results[2]).toEqual(results[0]);
    expect(results[3]).not.toBe(results[0]);
  });
});

suite("the batch adds no wrong placement to those of anchor alone", () => {
  // Seed 5 of the scale benchmark's generator (bench/run.ts) is the one where step 1, the sure placements that
  // anchor alone makes too, places a few edited claims on a verbatim copy of their passage elsewhere (Known
  // limits in docs/anchoring.md). Those wrong placements must not become witnesses that carry their neighbours
  // to the copy: the moved-passage rule requires the passage to have left its old place (passageStillNear;
  // without it, this batch had 55 more wrong placements).
  it("scale benchmark article, seed 5, 100,000 claims: every wrong placement of anchorAll is one anchor alone makes", async () => {
    const { buildArticle, mulberry32, pickClaims, scatteredEdits } = await import("./bench/run");
    const rand = mulberry32(5);
    const before = buildArticle();
    const truth = new EditTruth(before, scatteredEdits(before, 50, rand));
    const after = truth.newText;
    const pool = generateSpans(before, { shortStride: 1 });
    pickClaims(pool, 1_000, rand);
    pickClaims(pool, 10_000, rand);
    // The 100,000 claims hold 17,740 distinct spans; anchorAll anchors identical targets once anyway.
    const seen = new Set<string>();
    const claims = pickClaims(pool, 100_000, rand).filter((sp) => !seen.has(`${sp.start}:${sp.end}`) && seen.add(`${sp.start}:${sp.end}`) !== undefined);
    const sels = selectorsOf(before, claims);
    const batch = anchorAll(after, sels);
    let placed = 0;
    claims.forEach((sp, i) => {
      const p = placement(batch[i]);
      if (p) placed++;
      if (judge(truth.truth(sp.start, sp.end), p) !== "wrong") return;
      expect(placement(anchor(after, sels[i])), JSON.stringify({ quote: before.slice(sp.start, sp.end), at: sp.start, p })).toEqual(p);
    });
    expect(placed).toBeGreaterThan(15_000);
  }, 60_000);
});

suite("moved passage: a witness on look-alike words", () => {
  // Soak seed 199724414: the last paragraph moves up behind the first. " budget\n" (touched: its newline moved
  // with the paragraph) is placed on the first paragraph's "river budget\n\npara3 …" by its whole suffix, and the
  // untouched "g" four characters inside it would have followed it there. The verified text around a claim
  // placed by a witness must reach 8 characters beyond each edge unless that edge is a sentence or paragraph end.
  it("does not follow a witness whose context breaks just before the claim", () => {
    const paras = [
      "para0 by council city police by said said river budget",
      "para1 budget city people of the died percent north council bridge water plant 12 minister police in north police minister vote bridge",
      "para2 mayor of died water 12 vote bridge of 2023 died budget",
      "para3 police died plant tonnes in city vote the percent 12 of minister bridge the said river",
    ];
    const before = paras.join("\n\n");
    const a = before.indexOf("\n\npara3");
    const at = before.indexOf("\n\npara1");
    const edits: Edit[] = [
      { start: a, end: before.length, text: "" },
      { start: at, end: at, text: before.slice(a) },
    ];
    const truth = new EditTruth(before, edits);
    const spans = [{ start: 248, end: 249 }, { start: 244, end: 252 }, { start: 0, end: 1 }];
    expect(before.slice(248, 249)).toBe("g");
    const sels = selectorsOf(before, spans);
    const results = anchorAll(truth.newText, sels);
    // The untouched claims are exact or flagged; the touched " budget\n" is placed as anchor alone places it.
    expect(judge(truth.truth(248, 249), placement(results[0]))).not.toBe("wrong");
    expect(judge(truth.truth(0, 1), placement(results[2]))).toBe("correct");
    expect(results[1]).toEqual(anchor(truth.newText, sels[1]));
  });
});
