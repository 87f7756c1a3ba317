import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scoreSentence } from "./check-worthiness";
import { rocAuc } from "./metrics";

describe("scoreSentence", () => {
  it.each([
    ["The militant group killed at least 116 civilians, according to the Syrian Observatory for Human Rights.", ["number", "attribution"]],
    ["Unemployment fell to 3.9 percent in April, the lowest rate since 2000.", ["number", "date", "statistic"]],
    ["Crime has doubled in our largest cities.", ["statistic"]],
    ["Coal production fell by a third in 2019 because natural gas became cheaper.", ["number", "date", "statistic", "causal"]],
    ['"We have recorded 214 cases of cholera in the camp since Monday," a WHO spokesperson said.', ["number", "date", "attribution", "quote"]],
  ])("finds a check-worthy claim in %j with its reasons", (sentence, reasons) => {
    const result = scoreSentence(sentence);
    expect(result.checkWorthy).toBe(true);
    expect(result.reasons).toEqual(expect.arrayContaining(reasons));
  });

  it.each([
    "Thank you all so much for being here tonight.",
    "What are you going to do about it?",
    "I think we can do better as a country.",
    "We need leaders who will stand up for working people.",
    "Good evening, and welcome to the second presidential debate.",
    "Give me a break.",
  ])("does not suggest the opinion, question, greeting or vague statement %j", (sentence) => {
    const result = scoreSentence(sentence);
    expect(result.checkWorthy).toBe(false);
    expect(result.score).toBeLessThan(0.45);
  });

  it("scores in [0, 1] and ranks a factual claim above a question about the same subject", () => {
    const claim = scoreSentence("Inflation hit 9.1 percent in June 2022, the highest in 40 years.");
    const question = scoreSentence("Why is inflation so high?");
    for (const r of [claim, question]) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
    expect(claim.score).toBeGreaterThan(question.score);
  });

  it("does not call a sentence without numbers, dates or sources 'number' or 'attribution'", () => {
    expect(scoreSentence("Our best days are still ahead of us.").reasons).toEqual([]);
  });
});

describe("quality on sentences the weights were not set on (issue 16: ROC AUC ≥ 0.85)", () => {
  const read = (file: string) =>
    readFileSync(`lib/intelligence/fixtures/${file}`, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { text: string; checkWorthy: boolean; split?: string });
  it.each([
    ["the labelled set's test split", read("check-worthiness.jsonl").filter((r) => r.split === "test")],
    ["the debate-style held-out set", read("debate-heldout.jsonl")],
  ])("%s", (_name, rows) => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
    const scored = rows.map((r) => ({ score: scoreSentence(r.text).score, actual: r.checkWorthy }));
    expect(rocAuc(scored)).toBeGreaterThanOrEqual(0.85);
  });

  it("the labelled set has at least 400 sentences of both kinds", () => {
    const rows = read("check-worthiness.jsonl");
    expect(rows.length).toBeGreaterThanOrEqual(400);
    expect(rows.filter((r) => r.checkWorthy).length).toBeGreaterThanOrEqual(150);
    expect(rows.filter((r) => !r.checkWorthy).length).toBeGreaterThanOrEqual(150);
  });
});
