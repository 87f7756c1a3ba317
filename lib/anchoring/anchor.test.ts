import { describe as suite, expect, it } from "vitest";
import { anchor } from "./anchor";
import { describe } from "./describe";
import type { Selector } from "./types";

const article =
  "The council said the budget rose by 12 percent in 2023. Critics said the budget was too small. " +
  "The mayor said the budget would rise again. In the end the council approved the budget.";

function selectorsFor(text: string, start: number, end: number): Selector[] {
  const { quote, position } = describe(text, start, end);
  return [quote, position];
}

suite("anchor", () => {
  it("uses the position when the text there is the quote and its context is intact", () => {
    const s = article.indexOf("12 percent");
    const r = anchor(article, selectorsFor(article, s, s + 10));
    expect(r).toEqual({ status: "anchored", start: s, end: s + 10, score: 1, method: "position" });
  });

  it("finds a repeated short quote by its context after the text shifted", () => {
    const s = article.indexOf("the budget", article.indexOf("Critics"));
    const sel = selectorsFor(article, s, s + 10);
    const edited = "UPDATE: " + article.replace("rose by 12", "grew by twelve");
    const r = anchor(edited, sel);
    expect(r.status).toBe("anchored");
    if (r.status !== "anchored") return;
    expect(edited.slice(r.start, r.end)).toBe("the budget");
    expect(edited.slice(r.start - 13, r.start)).toBe("Critics said ");
    expect(r.method).toBe("quote");
  });

  it("flags an ambiguous quote instead of guessing", () => {
    const text = "the budget. the budget. the budget.";
    const r = anchor(text, [{ type: "TextQuoteSelector", exact: "the budget" }]);
    expect(r.status).toBe("needs-recheck");
    if (r.status === "needs-recheck") expect(r.candidates.length).toBe(3);
  });

  it("places a quote without context or position only when it occurs once", () => {
    expect(anchor("one budget here", [{ type: "TextQuoteSelector", exact: "budget" }])).toMatchObject({ status: "anchored", start: 4, end: 10 });
  });

  it("falls back to a fuzzy match for a lightly edited long quote", () => {
    const s = article.indexOf("Critics said");
    const e = article.indexOf("small.") + 6;
    const sel = selectorsFor(article, s, e);
    const edited = article.replace("was too small", "was far too small");
    const r = anchor(edited, sel);
    expect(r).toMatchObject({ status: "anchored", method: "fuzzy" });
    if (r.status === "anchored") expect(edited.slice(r.start, r.end)).toBe("Critics said the budget was far too small.");
  });

  it("does not move a deleted short quote onto the same words elsewhere", () => {
    const s = article.indexOf("the budget would");
    const sel = selectorsFor(article, s, s + 10);
    const edited = article.replace("The mayor said the budget would rise again. ", "");
    const r = anchor(edited, sel);
    expect(r.status).not.toBe("anchored");
  });

  it("reports orphaned when nothing resembles the quote", () => {
    expect(anchor(article, [{ type: "TextQuoteSelector", exact: "completely unrelated words" }])).toEqual({ status: "orphaned" });
  });

  it("never places a bare position (nothing to verify)", () => {
    const r = anchor(article, [{ type: "TextPositionSelector", start: 4, end: 11 }]);
    expect(r.status).toBe("needs-recheck");
  });

  it("reads positions as code points and returns UTF-16 offsets", () => {
    const text = "🎉🎉 party at the budget office, the budget room";
    const s = text.indexOf("the budget room");
    const sel = selectorsFor(text, s, s + 10);
    expect((sel[1] as { start: number }).start).toBe(s - 2);
    const r = anchor(text, sel);
    expect(r).toMatchObject({ status: "anchored", start: s, end: s + 10, method: "position" });
    // utf16 positions are accepted on request
    expect(anchor(text, [sel[0], { type: "TextPositionSelector", start: s, end: s + 10 }], { positionUnits: "utf16" })).toMatchObject({ start: s });
  });

  it("flags a claim edited in place when a near-duplicate sentence with the same words and context sits nearby", () => {
    // Two versions of the same sentence in one article (as in articles assembled from several drafts).
    const filler = "Officers from the ministry visited the site on Tuesday and spoke to the workers there. ".repeat(4);
    const twin = "Nationalization of history has been increasingly called into question, and one of its consequences is the emerging of new processes.";
    const text = "Intro paragraph about the topic at hand. " + twin + " " + filler + twin + " Outro.";
    const claimStart = text.lastIndexOf("question");
    const sel = selectorsFor(text, claimStart, claimStart + "question".length);
    // The editor rewrote the claim's words (and a little around them) in the second copy only.
    const at = text.lastIndexOf("into question, and");
    const edited = text.slice(0, at) + "yusuf, a retired" + text.slice(at + "into question, and".length);
    const r = anchor(edited, sel);
    expect(r.status).toBe("needs-recheck");
  });

  it("still places a claim whose only exact copy moved a little, with its context intact", () => {
    const s = article.indexOf("too small");
    const sel = selectorsFor(article, s, s + 9);
    const edited = "BREAKING NEWS, updated twice: " + article;
    const r = anchor(edited, sel);
    expect(r).toMatchObject({ status: "anchored", start: s + 30, end: s + 39 });
  });
});
