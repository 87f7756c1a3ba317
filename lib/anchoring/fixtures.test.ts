/**
 * Real revisions (issue 3, "Correctness"): IteraTeR before/after pairs with edit lists as ground truth, and
 * whole Wikipedia article versions (unique sentences as ground truth). Claims: sentences, clauses, numbers
 * with their noun, and 1–3-word quotes. wrong must be 0; untouched spans: reanchor 100 %, anchor ≥ 99 %.
 */
import { describe as suite, expect, it } from "vitest";
import { anchorEngine, evaluateIterater, evaluateVersions, reanchorEngine, type Tally } from "./testing/evaluate";
import { loadIterater, loadWikipediaPairs } from "./testing/load-fixtures";

const iterater = loadIterater();
const versions = loadWikipediaPairs();

function summary(t: Tally): string {
  return `untouched ${JSON.stringify(t.untouched)} touched ${JSON.stringify(t.touched)}\n${t.wrongCases.join("\n")}`;
}

suite("real revisions", () => {
  it("has the fixtures it expects", () => {
    expect(iterater.length).toBe(24);
    expect(versions.length).toBe(18);
  });

  it("reanchor: no wrong placement, every untouched span exact", () => {
    const t = evaluateVersions(versions, reanchorEngine, evaluateIterater(iterater, reanchorEngine));
    expect(t.all.wrong, summary(t)).toBe(0);
    expect(t.untouched.correct, summary(t)).toBe(t.untouched.total);
    expect(t.untouched.total).toBeGreaterThan(8000);
  });

  it("anchor (selectors only): no wrong placement, ≥ 99 % of untouched spans placed exactly", () => {
    const t = evaluateVersions(versions, anchorEngine, evaluateIterater(iterater, anchorEngine));
    expect(t.all.wrong, summary(t)).toBe(0);
    expect(t.untouched.correct / t.untouched.total, summary(t)).toBeGreaterThanOrEqual(0.99);
  });
});
