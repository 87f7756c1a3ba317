/**
 * Real revisions (issue 3, "Correctness"): IteraTeR before/after pairs with edit lists as ground truth, and
 * whole Wikipedia article versions (unique sentences as ground truth). Claims: sentences, clauses, numbers
 * with their noun, and 1–3-word quotes. wrong must be 0; untouched spans: reanchor 100 %, anchor ≥ 99.5 % (issue 13).
 */
import { describe as suite, expect, it } from "vitest";
import { anchorEngine, evaluateIterater, evaluateVersions, reanchorEngine, type Tally } from "./testing/evaluate";
import { loadIterater, loadScriptPairs, loadWikipediaPairs } from "./testing/load-fixtures";

const iterater = loadIterater();
const versions = loadWikipediaPairs();
const scripts = loadScriptPairs();

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
  }, 60_000);

  it("anchor (selectors only, one batch per text as the CLI runs it): no wrong placement, ≥ 99.5 % of untouched spans placed exactly", () => {
    const t = evaluateVersions(versions, anchorEngine, evaluateIterater(iterater, anchorEngine));
    expect(t.all.wrong, summary(t)).toBe(0);
    expect(t.untouched.correct / t.untouched.total, summary(t)).toBeGreaterThanOrEqual(0.995);
  }, 60_000);
});

/**
 * Right-to-left and non-Latin text (issue 13): Arabic and Chinese revision pairs written for these tests, with
 * edit lists as ground truth. Same rules: no wrong placement; reanchor places every untouched span exactly;
 * selector-only anchor (a batch, as the CLI runs it) places ≥ 99.5 % of them, the claims of moved sentences
 * included (the moved-passage rule of round two, docs/anchoring.md).
 */
suite("Arabic and Chinese revisions", () => {
  for (const language of ["ar", "zh"]) {
    const pairs = scripts.filter((p) => p.language === language);

    it(`${language}: has a few hundred claims`, () => {
      const t = evaluateIterater(pairs, reanchorEngine);
      expect(t.all.total).toBeGreaterThanOrEqual(300);
    });

    it(`${language}: reanchor places every untouched span exactly and nothing wrongly`, () => {
      const t = evaluateIterater(pairs, reanchorEngine);
      expect(t.all.wrong, summary(t)).toBe(0);
      expect(t.untouched.correct, summary(t)).toBe(t.untouched.total);
    });

    it(`${language}: anchor places nothing wrongly and at least 99.5 % of untouched spans exactly`, () => {
      const t = evaluateIterater(pairs, anchorEngine);
      expect(t.all.wrong, summary(t)).toBe(0);
      expect(t.untouched.correct / t.untouched.total, summary(t)).toBeGreaterThanOrEqual(0.995);
    });
  }
});
