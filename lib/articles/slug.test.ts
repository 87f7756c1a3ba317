import { describe, expect, it } from "vitest";
import { slugify, uniqueSlug } from "./slug";

describe("slugify", () => {
  it.each([
    ["In Syrian Christian Town, ISIS Mass-Executed 116 People", "in-syrian-christian-town-isis-mass-executed-116-people"],
    ["Assad's Army Closed In", "assads-army-closed-in"],
    ["Crème brûlée: Ça marche!", "creme-brulee-ca-marche"],
    ["  --Spaces   and---dashes--  ", "spaces-and-dashes"],
    ["Путин", "article"],
    ["", "article"],
  ])("%j -> %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("cuts long titles at a word boundary", () => {
    const slug = slugify("word ".repeat(40), 22);
    expect(slug).toBe("word-word-word-word");
    expect(slug.length).toBeLessThanOrEqual(22);
  });

  it("keeps a single overlong word, truncated", () => {
    expect(slugify("a".repeat(100), 10)).toBe("aaaaaaaaaa");
  });
});

describe("uniqueSlug", () => {
  it("adds the first free number", () => {
    expect(uniqueSlug("a", new Set())).toBe("a");
    expect(uniqueSlug("a", new Set(["a", "a-2"]))).toBe("a-3");
  });
});
