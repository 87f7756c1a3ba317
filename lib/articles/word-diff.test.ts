import { describe, expect, it } from "vitest";
import { diffStats, wordDiff } from "./word-diff";

describe("wordDiff", () => {
  it("shows a changed word as one deleted and one inserted word", () => {
    const parts = wordDiff("The dam was inspected in May.", "The dam was inspected in June.");
    expect(parts).toEqual([
      { op: "equal", text: "The dam was inspected in " },
      { op: "delete", text: "May" },
      { op: "insert", text: "June" },
      { op: "equal", text: "." },
    ]);
    expect(diffStats(parts)).toEqual({ inserted: 1, deleted: 1 });
  });

  it("rebuilds both texts exactly", () => {
    const a = "Alpha beta, gamma.\n\nDelta épsilon 42 — zeta!";
    const b = "Alpha gamma, beta.\n\nDelta epsilon 43 — zeta! Eta.";
    const parts = wordDiff(a, b);
    expect(parts.filter((p) => p.op !== "insert").map((p) => p.text).join("")).toBe(a);
    expect(parts.filter((p) => p.op !== "delete").map((p) => p.text).join("")).toBe(b);
  });

  it("handles more distinct words than the surrogate range without breaking", () => {
    const words = Array.from({ length: 60_000 }, (_, i) => `w${i}`);
    const a = words.join(" ");
    const b = words.slice(1).join(" ");
    const parts = wordDiff(a, b);
    expect(parts.filter((p) => p.op !== "delete").map((p) => p.text).join("")).toBe(b);
  });
});
