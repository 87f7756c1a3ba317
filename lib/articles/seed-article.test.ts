import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSeedArticle, parseTags } from "./seed-article";
import { buildArticleDoc, plainText, textblocks, ZArticleDoc } from "./document";

const raw = readFileSync("prisma/seed-data/al-qaryatain.txt", "utf8");
const bodyParagraphs = raw.split(/\n\s*\n/).slice(2).filter((b) => b.trim());

describe("parseSeedArticle on the seed file", () => {
  const parsed = parseSeedArticle(raw);

  it("keeps the headline, tags, caption and paragraphs as separate parts", () => {
    expect(parsed.title).toBe("In Syrian Christian Town, ISIS Mass-Executed 116 People Before Assad's Army Closed In");
    expect(parsed.tags).toEqual(["Assyrian", "Kidnap", "Hostage", "Syria", "Middle East"]);
    expect(parsed.caption).toMatch(/^In Beirut on February 28, 2015, Assyrians hold banners/);
    expect(parsed.caption).toMatch(/Reuters\/Mohamed Azakir$/);
    expect(parsed.paragraphs).toHaveLength(bodyParagraphs.length);
    expect(parsed.paragraphs[0]).toMatch(/^Evidence has emerged/);
    expect(parsed.paragraphs.some((p) => p.includes("at least 116 civilians"))).toBe(true);
    expect(parsed.paragraphs.some((p) => p.includes("identified 67 civilians"))).toBe(true);
  });

  it("builds a valid document whose plain text is headline, caption and paragraphs", () => {
    const doc = ZArticleDoc.parse(buildArticleDoc(parsed));
    expect(doc.content[0]).toMatchObject({ type: "heading", attrs: { level: 1 } });
    expect(doc.content[1]).toMatchObject({ type: "caption" });
    expect(textblocks(doc)).toEqual([parsed.title, parsed.caption, ...parsed.paragraphs]);
    expect(plainText(doc)).toBe([parsed.title, parsed.caption, ...parsed.paragraphs].join("\n\n"));
  });

  it("refuses a file without the expected structure", () => {
    expect(() => parseSeedArticle("Only a headline")).toThrow(/headline/);
    expect(() => parseSeedArticle("Headline\n\nTags only\n\nBody")).toThrow(/tag line followed by a caption/);
  });
});

describe("parseTags", () => {
  it("keeps known multi-word tags together", () => {
    expect(parseTags("Syria Middle East Iraq")).toEqual(["Syria", "Middle East", "Iraq"]);
    expect(parseTags("Middle Eastern")).toEqual(["Middle", "Eastern"]);
  });
});
