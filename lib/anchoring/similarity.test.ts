import fc from "fast-check";
import { describe as suite, expect, it } from "vitest";
import { levenshtein, levenshteinWithin, pinnedDynamic, pinnedEditDistance } from "./similarity";

suite("pinnedEditDistance", () => {
  it("the bit-parallel distance equals the table's for patterns up to 32 units, both directions", () => {
    const unit = fc.constantFrom("a", "b", "c", " ", "é", "\u4e2d");
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 32 }), fc.string({ unit, maxLength: 80 }), fc.nat(), fc.nat(24), (pattern, text, rawAt, slack) => {
        const at = rawAt % (text.length + 1);
        for (const direction of ["before", "after"] as const) {
          const w = Math.max(0, direction === "before" ? Math.min(at, pattern.length + slack) : Math.min(text.length - at, pattern.length + slack));
          expect(pinnedEditDistance(pattern, text, at, direction, slack)).toBe(pinnedDynamic(pattern, text, at, direction, w));
        }
      }),
      { seed: 20261202, numRuns: 3000 },
    );
  });

  it("counts edits next to the pinned end", () => {
    expect(pinnedEditDistance("the budget", "xx the budget", 13, "before", 5)).toBe(0);
    expect(pinnedEditDistance("the budget", "xx the bXdget", 13, "before", 5)).toBe(1);
    expect(pinnedEditDistance("rose by 12", "rose 12 percent", 0, "after", 5)).toBe(3);
  });
});

suite("levenshteinWithin", () => {
  it("equals the full table's distance when that is within the limit, and says limit + 1 otherwise", () => {
    const unit = fc.constantFrom("a", "b", "c", " ", "\u4e2d");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.string({ unit, maxLength: 40 }), fc.string({ unit, maxLength: 5 }), fc.nat(12), (a, b, pad, limit) => {
        const full = levenshtein(a, b);
        const text = pad + b + pad;
        expect(levenshteinWithin(a, text, pad.length, pad.length + b.length, limit)).toBe(full <= limit ? full : limit + 1);
      }),
      { seed: 20261204, numRuns: 5000 },
    );
  });
});
