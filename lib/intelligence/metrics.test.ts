import { describe, expect, it } from "vitest";
import { measureQuality, rocAuc } from "./metrics";

describe("metrics", () => {
  it("gives ROC AUC 1 for a perfect ranking, 0 for a reversed one and 0.5 for ties", () => {
    expect(rocAuc([{ score: 0.9, actual: true }, { score: 0.1, actual: false }])).toBe(1);
    expect(rocAuc([{ score: 0.1, actual: true }, { score: 0.9, actual: false }])).toBe(0);
    expect(rocAuc([{ score: 0.5, actual: true }, { score: 0.5, actual: false }])).toBe(0.5);
  });

  it("counts precision and recall from predictions", () => {
    const q = measureQuality([
      { score: 1, predicted: true, actual: true },
      { score: 1, predicted: true, actual: false },
      { score: 0, predicted: false, actual: true },
      { score: 0, predicted: false, actual: false },
    ]);
    expect(q).toMatchObject({ n: 4, precision: 0.5, recall: 0.5 });
  });
});
