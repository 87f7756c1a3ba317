import { describe, expect, it } from "vitest";
import { splitClauses, suggestClaims } from "./suggest";

const texts = (plainText: string) => suggestClaims(plainText).map((s) => [s.scope, plainText.slice(s.start, s.end)]);

describe("suggestClaims: the clause within a sentence", () => {
  it.each([
    ["I think this government has been a disgrace, but unemployment fell to 3.9 percent in April.", "unemployment fell to 3.9 percent in April."],
    ["Thank you all for coming tonight; crime in Chicago rose 12 percent last year.", "crime in Chicago rose 12 percent last year."],
    ["We have to do better for our children — the state cut school funding by $2 billion in 2023.", "the state cut school funding by $2 billion in 2023."],
    ["Nobody loves this city more than I do, and yet the murder rate doubled between 2019 and 2021.", "the murder rate doubled between 2019 and 2021."],
  ])("suggests only the factual clause of %j", (sentence, clause) => {
    expect(texts(sentence)).toEqual([["clause", clause]]);
  });

  it.each([
    "Unemployment fell to 3.9 percent in April, and wages rose 4 percent in 2023.",
    "The militia killed 40 villagers — the deadliest attack since 2019 — officials said.",
    "The militant group killed at least 116 civilians, according to the Syrian Observatory for Human Rights.",
    "Floods killed 48 people in the north, the Interior Ministry said on Monday.",
  ])("keeps the whole sentence when every clause is worth checking or the sentence is one clause: %j", (sentence) => {
    expect(texts(sentence)).toEqual([["sentence", sentence]]);
  });

  it("suggests nothing for a sentence none of whose clauses is worth checking", () => {
    expect(texts("I love this country, and I believe our best days are ahead of us.")).toEqual([]);
  });

  it("gives clause spans into the article's text, so selecting them selects those words", () => {
    const text = "Heading\n\nIntro sentence here. We must stand together; exports rose 12 percent in 2024 according to customs data.";
    const [s] = suggestClaims(text);
    expect(s.scope).toBe("clause");
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.key).toBe(`${s.start}-${s.end}`);
  });
});

describe("splitClauses", () => {
  it("keeps a short attribution with the clause before it and drops the opening conjunction", () => {
    const text = "Prices doubled in a year — economists said — but wages barely moved at all.";
    expect(splitClauses({ start: 10, end: 10 + text.length, text }).map((c) => c.text)).toEqual(["Prices doubled in a year — economists said", "wages barely moved at all."]);
  });
});
