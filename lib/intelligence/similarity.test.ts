import { describe, expect, it } from "vitest";
import { normalise, SimilarIndex, similarity } from "./similarity";

const sim = (a: string, b: string) => similarity(normalise(a), normalise(b));

describe("similarity", () => {
  it("finds the same claim in other words and number forms", () => {
    expect(sim("ISIS executed at least 116 civilians in Al-Qaryatain", "At least 116 civilians were executed by ISIS in Al-Qaryatain")).toBeGreaterThan(0.6);
    expect(sim("Unemployment fell to 3.9% in April", "unemployment fell to 3.9 percent in April")).toBeGreaterThan(0.8);
    expect(sim("The company laid off 1,200 workers", "the company laid off 1200 workers")).toBeGreaterThan(0.9);
  });

  it("does not match claims with different figures or on different subjects", () => {
    expect(sim("ISIS executed 116 civilians in Al-Qaryatain", "ISIS executed 67 civilians in Al-Qaryatain")).toBeLessThan(0.45);
    expect(sim("Unemployment fell to 3.9 percent in April", "The bridge collapsed in 2007, killing 13 people")).toBeLessThan(0.2);
  });
});

describe("SimilarIndex", () => {
  it("returns the nearest entries best first and honours the filter", () => {
    const index = new SimilarIndex<{ id: string; article: string }>();
    index.add("ISIS executed at least 116 civilians in Al-Qaryatain", { id: "a", article: "x" });
    index.add("At least 116 civilians were executed in Al-Qaryatain, SOHR said", { id: "b", article: "y" });
    index.add("Inflation hit 9.1 percent in June", { id: "c", article: "y" });
    const found = index.search("116 civilians executed in Al-Qaryatain");
    expect(found.map((f) => f.item.id)).toEqual(expect.arrayContaining(["a", "b"]));
    expect(found.map((f) => f.item.id)).not.toContain("c");
    expect(index.search("116 civilians executed in Al-Qaryatain", { keep: (i) => i.article !== "x" }).map((f) => f.item.id)).toEqual(["b"]);
  });
});
