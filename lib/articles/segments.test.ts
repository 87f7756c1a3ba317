import { describe, expect, it } from "vitest";
import { splitAtBoundaries } from "./segments";

describe("splitAtBoundaries", () => {
  it("returns one uncovered piece without highlights", () => {
    expect(splitAtBoundaries(0, 10, [])).toEqual([{ start: 0, end: 10, covering: [] }]);
  });

  it("nests an inner claim inside an outer one, outermost first", () => {
    const pieces = splitAtBoundaries(0, 20, [
      { id: "outer", start: 2, end: 15 },
      { id: "inner", start: 5, end: 8 },
    ]);
    expect(pieces).toEqual([
      { start: 0, end: 2, covering: [] },
      { start: 2, end: 5, covering: ["outer"] },
      { start: 5, end: 8, covering: ["outer", "inner"] },
      { start: 8, end: 15, covering: ["outer"] },
      { start: 15, end: 20, covering: [] },
    ]);
  });

  it("cuts crossing claims so each piece is covered by both only where they overlap", () => {
    const pieces = splitAtBoundaries(0, 10, [
      { id: "a", start: 0, end: 6 },
      { id: "b", start: 4, end: 10 },
    ]);
    expect(pieces.map((p) => [p.start, p.end, p.covering.sort().join("+")])).toEqual([
      [0, 4, "a"],
      [4, 6, "a+b"],
      [6, 10, "b"],
    ]);
  });

  it("clips claims that extend beyond the run (a claim across two paragraphs)", () => {
    expect(splitAtBoundaries(10, 20, [{ id: "x", start: 5, end: 12 }])).toEqual([
      { start: 10, end: 12, covering: ["x"] },
      { start: 12, end: 20, covering: [] },
    ]);
  });

  it("ignores empty and outside intervals", () => {
    expect(splitAtBoundaries(0, 5, [{ id: "e", start: 3, end: 3 }, { id: "o", start: 7, end: 9 }])).toEqual([{ start: 0, end: 5, covering: [] }]);
  });
});
