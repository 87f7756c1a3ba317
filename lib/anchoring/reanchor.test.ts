import { describe as suite, expect, it } from "vitest";
import { reanchor } from "./reanchor";

const span = (text: string, quote: string, from = 0) => {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`no ${quote}`);
  return { start, end: start + quote.length };
};

suite("reanchor", () => {
  const oldText = "Six people died in the crash. Police said the lorry was travelling north. The driver was 23.";

  it("moves untouched spans to their exact new offsets", () => {
    const newText = "BREAKING: " + oldText.replace("Police said", "Police officials said");
    const [r1, r2] = reanchor(oldText, newText, [span(oldText, "Six people died"), span(oldText, "The driver was 23.")]);
    expect(r1).toEqual({ status: "moved", ...span(newText, "Six people died"), contextChanged: true, relocated: false });
    expect(r2).toMatchObject({ status: "moved", ...span(newText, "The driver was 23.") });
  });

  it("reports an edit inside the span as changed, with old and new words", () => {
    const newText = oldText.replace("travelling north", "travelling south");
    const [r] = reanchor(oldText, newText, [span(oldText, "the lorry was travelling north")]);
    expect(r).toMatchObject({ status: "changed", oldQuote: "the lorry was travelling north", newQuote: "the lorry was travelling south", quoteChanged: true });
    if (r.status === "changed") expect(newText.slice(r.start, r.end)).toBe(r.newQuote);
  });

  it("treats an edit that only touches the boundary as moved (words identical), flagging the context", () => {
    const newText = oldText.replace("the crash.", "the crash on the A607.");
    const [r] = reanchor(oldText, newText, [span(oldText, "the crash")]);
    expect(r).toEqual({ status: "moved", ...span(newText, "the crash"), contextChanged: true, relocated: false });
  });

  it("orphans a span whose words were all deleted, and flags a mostly rewritten one", () => {
    const deleted = oldText.replace(" Police said the lorry was travelling north.", "");
    const [gone] = reanchor(oldText, deleted, [span(oldText, "the lorry was travelling north")]);
    expect(gone).toEqual({ status: "orphaned", oldQuote: "the lorry was travelling north" });
    const rewritten = oldText.replace("The driver was 23.", "The man behind the wheel had turned 23.");
    const [r] = reanchor(oldText, rewritten, [span(oldText, "The driver was")]);
    expect(r).toEqual({ status: "needs-recheck", oldQuote: "The driver was" });
  });

  it("follows a moved paragraph exactly", () => {
    const a = "First paragraph says the council met on Monday to vote.";
    const b = "Second paragraph reports that the budget rose by 12 percent.";
    const c = "Third paragraph quotes the mayor, who called it a good day.";
    const before = [a, b, c].join("\n\n");
    const after = [a, c, b].join("\n\n");
    const spans = [span(before, "the budget rose by 12 percent"), span(before, "12"), span(before, "the mayor")];
    const results = reanchor(before, after, spans);
    expect(results.map((r) => r.status)).toEqual(["moved", "moved", "moved"]);
    results.forEach((r, i) => {
      if (r.status === "moved") expect(after.slice(r.start, r.end)).toBe(before.slice(spans[i].start, spans[i].end));
    });
    expect(results[1]).toMatchObject(span(after, "12"));
  });

  it("keeps emoji intact (UTF-16 in and out)", () => {
    const before = "Fans 🎉 cheered the 😀 team.";
    const after = "Loud fans 🎉 cheered the 😀 team.";
    const [r] = reanchor(before, after, [span(before, "😀 team")]);
    expect(r).toMatchObject({ status: "moved", ...span(after, "😀 team") });
  });

  it("returns identity for identical texts and rejects bad spans", () => {
    expect(reanchor("abc", "abc", [{ start: 1, end: 2 }])).toEqual([{ status: "moved", start: 1, end: 2, contextChanged: false, relocated: false }]);
    expect(() => reanchor("abc", "abd", [{ start: 2, end: 1 }])).toThrow(RangeError);
    expect(() => reanchor("abc", "abd", [{ start: 0, end: 9 }])).toThrow(RangeError);
  });

  it("flags a short span that an equally good alignment would put inside the insertion next to it", () => {
    // " phosphor the" after the old "the", or "the phosphor " before it: same cost, same word boundaries.
    const before = "A daily report about the movements of the cloud.";
    const after = "A daily report about the phosphor the movements of the cloud.";
    const [the, about, movements, cloud] = reanchor(before, after, [span(before, "the"), span(before, "about the"), span(before, "movements"), span(before, "the cloud")]);
    expect(the).toEqual({ status: "needs-recheck", oldQuote: "the" });
    expect(about).toEqual({ status: "needs-recheck", oldQuote: "about the" });
    expect(movements).toMatchObject({ status: "moved", ...span(after, "movements") });
    expect(cloud).toMatchObject({ status: "moved", ...span(after, "the cloud") });
  });

  it("keeps the natural alignment when the slide would be less natural (a heading inserted before a repeated word)", () => {
    const before = "Intro.\n\ndevelopment began in 1986.";
    const after = "Intro.\n\ndevelopment programme\ndevelopment began in 1986.";
    const [r] = reanchor(before, after, [span(before, "development began in 1986.")]);
    expect(r).toMatchObject({ status: "moved", ...span(after, "development began in 1986.") });
  });

  it("flags a word whose deletion is indistinguishable from the deletion of its twin", () => {
    const before = "He said that that was all.";
    const after = "He said that was all.";
    const [first, second, said] = reanchor(before, after, [span(before, "that"), span(before, "that", 13), span(before, "He said")]);
    expect(first.status === "needs-recheck" || second.status === "needs-recheck").toBe(true);
    expect([first.status, second.status]).not.toContain("changed");
    expect(said).toMatchObject({ status: "moved", ...span(after, "He said") });
  });

  it("between two edits two words apart, a span is placed exactly or flagged, never elsewhere", () => {
    // Found by the property test (unseeded): the minimal word diff may keep the spaces between the
    // words instead of "minister rose", an equally cheap alignment; the words are then flagged.
    const before = "the year minister died budget minister rose tonnes water a tonnes the 2023 rose north";
    const after = "QUAX the year minister died budget QUAX QUAX minister rose a tonnes the 2023 rose north";
    const second = span(before, "minister", span(before, "budget").end);
    const results = reanchor(before, after, [{ start: second.start + 1, end: second.start + 2 }, second]);
    const expected = span(after, "minister", span(after, "QUAX QUAX").end);
    for (const [r, want] of [
      [results[0], { start: expected.start + 1, end: expected.start + 2 }],
      [results[1], expected],
    ] as const) {
      if (r.status === "moved") expect(r).toMatchObject(want);
      else expect(["orphaned", "needs-recheck"]).toContain(r.status);
    }
  });
});
