import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildArticleDoc, plainText } from "@/lib/articles/document";
import { parseSeedArticle } from "@/lib/articles/seed-article";
import articles from "./fixtures/figure-articles.json";
import { describeConflict, findFigureConflicts, findFigureMentions } from "./figures";

const seedText = plainText(buildArticleDoc(parseSeedArticle(readFileSync("prisma/seed-data/al-qaryatain.txt", "utf8"))));

describe("findFigureConflicts on the seed article", () => {
  const conflicts = findFigureConflicts(seedText);

  it("finds SOHR's 116 against the Palmyra Coordination Committee's 67, each linked to its words", () => {
    expect(conflicts.map(describeConflict)).toEqual(["116 (Syrian Observatory for Human Rights) vs 67 (Palmyra Coordination Committee)"]);
    const [c] = conflicts;
    expect(seedText.slice(c.first.start, c.first.end)).toBe("116 civilians");
    expect(seedText.slice(c.second.start, c.second.end)).toBe("67 civilians");
    expect(c.quantity).toBe("civilians killed");
  });

  it("pairs none of the unrelated numbers", () => {
    const paired = conflicts.flatMap((c) => [c.first.figure, c.second.figure]);
    for (const unrelated of ["2,000", "100", "20", "200", "21", "2015", "2016"]) expect(paired).not.toContain(unrelated);
    const counted = findFigureMentions(seedText).map((m) => m.text);
    for (const measure of ["100 kilometers", "20 days"]) expect(counted).not.toContain(measure);
  });
});

describe("findFigureConflicts on the short fixture articles", () => {
  it.each(articles.map((a) => [a.name, a] as const))("%s", (_name, article) => {
    const got = findFigureConflicts(article.text).map((c) => [c.first.figure, c.first.source, c.second.figure, c.second.source]);
    expect(got).toEqual(article.conflicts);
  });

  it("has at least 15 articles, with both disagreeing and merely different figures", () => {
    expect(articles.length).toBeGreaterThanOrEqual(15);
    expect(articles.filter((a) => a.conflicts.length).length).toBeGreaterThanOrEqual(5);
    expect(articles.filter((a) => !a.conflicts.length).length).toBeGreaterThanOrEqual(8);
  });
});
