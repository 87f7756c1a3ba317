import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildArticleDoc, plainText } from "@/lib/articles/document";
import { parseSeedArticle } from "@/lib/articles/seed-article";
import cases from "./fixtures/figure-cross-articles.json";
import { analyseArticleFigures, findCrossArticleConflicts, MAX_CROSS_CONFLICTS } from "./cross-figures";
import { findFigureConflicts, MAX_CONFLICTS } from "./figures";
import { sameSubject, subjectTerms } from "./subjects";

const seedText = plainText(buildArticleDoc(parseSeedArticle(readFileSync("prisma/seed-data/al-qaryatain.txt", "utf8"))));
const against = (own: string, ...others: string[]) =>
  findCrossArticleConflicts(
    analyseArticleFigures(own),
    others.map((text, i) => ({ article: { slug: `other-${i}`, title: `Other ${i}` }, figures: analyseArticleFigures(text) })),
  );

describe("findCrossArticleConflicts on the fixture cases", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const got = findCrossArticleConflicts(
      analyseArticleFigures(c.own),
      c.others.map((o) => ({ article: { slug: o.slug, title: o.title }, figures: analyseArticleFigures(o.text) })),
    ).map((x) => [x.first.figure, x.first.source, x.second.figure, x.second.source, x.article.slug]);
    expect(got).toEqual(c.conflicts);
  });

  it("has cases that must pair and cases that must not", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.conflicts.length).length).toBeGreaterThanOrEqual(3);
    expect(cases.filter((c) => !c.conflicts.length).length).toBeGreaterThanOrEqual(6);
  });
});

describe("findCrossArticleConflicts against the seed article", () => {
  it("pairs the seed's tolls with another article's different toll for Al-Qaryatain, linked to the words in each", () => {
    const other = "Monitors said ISIS executed 40 civilians in Al-Qaryatain.";
    const conflicts = against(seedText, other);
    expect(conflicts.map((c) => [seedText.slice(c.first.start, c.first.end), c.first.source, other.slice(c.second.start, c.second.end), c.article.slug])).toEqual([
      ["116 civilians", "Syrian Observatory for Human Rights", "40 civilians", "other-0"],
      ["67 civilians", "Palmyra Coordination Committee", "40 civilians", "other-0"],
    ]);
    expect(conflicts[0].second.passage).toBe(other);
  });

  it("does not repeat a disagreement the seed already shows within itself", () => {
    expect(against(seedText, "ISIS executed at least 116 civilians in Al-Qaryatain, monitors said.")).toEqual([]);
  });

  it("does not pair a toll from another town, a figure that agrees, or unrelated numbers", () => {
    expect(against(seedText, "ISIS killed 40 civilians in Mosul, officials said.")).toEqual([]);
    expect(against(seedText, "Militants killed 40 civilians in Homs province.")).toEqual([]);
    expect(against(seedText, "Monitors said ISIS executed more than 60 civilians in Al-Qaryatain.")).toEqual([]);
    expect(against(seedText, "About 3,000 Christians lived in Al-Qaryatain; the town lies 90 kilometers from Palmyra, and ISIS held it for 30 days.")).toEqual([]);
  });
});

describe("subjectTerms and sameSubject", () => {
  it("keeps names, drops who gives the figure, countries, nationalities, days and an ordinary first word", () => {
    const t = subjectTerms("Floods in Derna killed 48 Libyan residents on Monday, the Red Crescent said in Libya.", ["Red Crescent"]);
    expect([...t.names.keys()]).toEqual(["derna"]);
    expect([...t.places]).toEqual(["derna"]);
  });

  it("tells two events apart by place and by year", () => {
    const side = (s: string) => ({ terms: subjectTerms(s), sentence: subjectTerms(s) });
    expect(sameSubject(side("Assad's forces killed 30 civilians in Idlib."), side("Assad's forces killed 12 civilians in Aleppo."))).toBe(false);
    expect(sameSubject(side("The 2019 floods in Derna killed 48 people."), side("Floods in Derna killed 5,000 people in 2023."))).toBe(false);
    expect(sameSubject(side("Floods in Derna killed 48 people."), side("The Red Cross said 95 people died in Derna."))).toBe(true);
  });
});

describe("limits", () => {
  it("lists at most 20 cards within an article and 20 across articles, first figures first", () => {
    const tolls = Array.from({ length: 30 }, (_, i) => `Officials in Velmora later said ${100 + i * 10} people were killed.`).join("\n\n");
    const within = findFigureConflicts(tolls);
    expect(within).toHaveLength(MAX_CONFLICTS);
    expect(within[0].first.figure).toBe("100");
    const across = against("Floods in Velmora killed 48 people.", tolls);
    expect(across).toHaveLength(MAX_CROSS_CONFLICTS);
    expect(across.every((c) => c.first.figure === "48")).toBe(true);
  });
});
