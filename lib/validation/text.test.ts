import { describe, expect, it } from "vitest";
import { checkSpanBoundaries, findInvalidDate, findUnsafeName, findUnstorableText, nameText, optionalDate, searchQuery, storableText, ZSlug, ZVersionNumber } from "./text";

describe("storable text", () => {
  it.each([
    ["a NUL", "before\u0000after", /NUL character/],
    ["a lone high surrogate", "half \uD800 an emoji", /broken character/],
    ["a lone low surrogate", "\uDC00 at the start", /broken character/],
    ["a high surrogate at the end", "ends with \uD83D", /broken character/],
    ["two high surrogates", "\uD83D\uD83D\uDE00", /broken character/],
  ])("refuses %s with a reason", (_, value, message) => {
    expect(findUnstorableText(value, "The comment")).toMatch(message);
    const parsed = storableText("The comment").trim().min(1).safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toMatch(/^The comment /);
  });

  it.each(["plain", "emoji 😀 and 👩‍👩‍👧", "tabs\tand\nnew lines", "العربية", "\u202Eis fine in a comment"])("keeps %j unchanged", (value) => {
    expect(findUnstorableText(value)).toBeNull();
    expect(storableText().parse(value)).toBe(value);
  });
});

describe("names shown to readers", () => {
  it.each([
    ["a right-to-left override", "Eve\u202Ertsil"],
    ["a left-to-right isolate", "Eve\u2066x\u2069"],
    ["a right-to-left mark", "Eve\u200F"],
    ["a new line", "Eve\nAdmin"],
    ["a tab", "Eve\tAdmin"],
    ["a C1 control", "Eve\u0085"],
    ["a byte-order mark", "\uFEFFEve"],
    ["a NUL", "Eve\u0000"],
    ["a lone surrogate", "Eve\uD800"],
  ])("refuses %s", (_, value) => {
    expect(findUnsafeName(value)).not.toBeNull();
    expect(nameText("The name").safeParse(value).success).toBe(false);
  });

  it.each(["Ada Lovelace", "Zoë O’Brien-Łukasiewicz", "محمد علي", "می‌خواهم", "李小龍", "Sam 🏳️‍🌈"])("accepts %j", (value) => {
    expect(findUnsafeName(value)).toBeNull();
  });
});

describe("dates", () => {
  it.each([
    ["2024-02-30", /2024-02-30 is not a date/],
    ["2023-02-29", /is not a date/],
    ["2024-13-01", /is not a date/],
    ["2024-00-10", /is not a date/],
    ["2024-04-31", /is not a date/],
    ["0000-01-01", /year must be between 0001 and 9999/],
    ["24-02-01", /YYYY-MM-DD/],
    ["2024-2-1", /YYYY-MM-DD/],
    ["+275760-09-13", /YYYY-MM-DD/],
    ["2024-02-01T00:00", /YYYY-MM-DD/],
  ])("refuses %s", (value, message) => {
    expect(findInvalidDate(value, "The date")).toMatch(message);
    expect(optionalDate("The date").safeParse(value).success).toBe(false);
  });

  it.each(["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2015-10-23"])("accepts %s", (value) => {
    expect(findInvalidDate(value)).toBeNull();
  });

  it("treats empty as no date", () => {
    expect(optionalDate("The date").parse("  ")).toBeNull();
    expect(optionalDate("The date").parse(undefined)).toBeNull();
    expect(optionalDate("The date").parse(null)).toBeNull();
  });
});

describe("claim spans", () => {
  const text = "a 😀 b";
  it("refuses a span that starts or ends inside an emoji", () => {
    expect(checkSpanBoundaries(text, 3, 6)).toMatch(/in half/);
    expect(checkSpanBoundaries(text, 0, 3)).toMatch(/in half/);
  });
  it("accepts spans on character boundaries", () => {
    expect(checkSpanBoundaries(text, 2, 4)).toBeNull();
    expect(checkSpanBoundaries(text, 0, text.length)).toBeNull();
  });
});

describe("path and search params", () => {
  it.each(["\u0000", "%00", "a b", "A", "-a", "a--b", "x".repeat(121), ""])("refuses the slug %j", (slug) => {
    expect(ZSlug.safeParse(slug).success).toBe(false);
  });
  it("accepts real slugs", () => {
    expect(ZSlug.parse("dam-report-2")).toBe("dam-report-2");
  });
  it.each(["0", "-1", "1.5", "99999999999999999999", "2147483648", "1e3", " 1"])("refuses the version number %j", (n) => {
    expect(ZVersionNumber.safeParse(n).success).toBe(false);
  });
  it("parses a version number", () => {
    expect(ZVersionNumber.parse("12")).toBe(12);
  });
  it("bounds and checks a search", () => {
    expect(searchQuery().safeParse("a\u0000").success).toBe(false);
    expect(searchQuery().safeParse("\uD800").success).toBe(false);
    expect(searchQuery().safeParse("x".repeat(201)).success).toBe(false);
    expect(searchQuery().parse("  dam ")).toBe("dam");
    expect(searchQuery().parse("  ")).toBeUndefined();
    expect(searchQuery().parse(undefined)).toBeUndefined();
  });
});
