import { describe, expect, it } from "vitest";
import { partitionPoint } from "./sorted";

describe("partitionPoint", () => {
  const xs = [1, 3, 3, 3, 7, 9];
  const firstAtLeast = (x: number) => partitionPoint(0, xs.length, (i) => xs[i] < x);
  const firstAbove = (x: number) => partitionPoint(0, xs.length, (i) => xs[i] <= x);
  it("finds the first item at or after a value, and after a run of equal values", () => {
    expect([0, 1, 2, 3, 4, 7, 8, 9, 10].map(firstAtLeast)).toEqual([0, 0, 1, 1, 4, 4, 5, 5, 6]);
    expect([0, 1, 3, 8, 9, 10].map(firstAbove)).toEqual([0, 1, 4, 5, 6, 6]);
  });
  it("agrees with a linear scan on every value and sub-range", () => {
    for (let lo = 0; lo <= xs.length; lo++) {
      for (let hi = lo; hi <= xs.length; hi++) {
        for (let x = 0; x <= 10; x++) {
          let linear = lo;
          while (linear < hi && xs[linear] < x) linear++;
          expect(partitionPoint(lo, hi, (i) => xs[i] < x), `${lo}..${hi} ${x}`).toBe(linear);
        }
      }
    }
  });
});
