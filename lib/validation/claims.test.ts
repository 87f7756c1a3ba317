import { describe, expect, it } from "vitest";
import { checkSourceUrl, fieldErrorsOf, splitTags, ZClaimFields, ZSourceInput } from "./claims";

describe("source URL validation", () => {
  it.each([
    "https://www.syriahr.com/en/?p=12345",
    "http://example.org/report.pdf",
    "https://apnews.com/article/abc#section",
    "HTTPS://EXAMPLE.ORG/",
    "  https://example.org/padded  ",
  ])("accepts %s", (url) => {
    expect(checkSourceUrl(url)).toBeNull();
  });

  it.each([
    ["javascript:alert(1)", /Only http/],
    ["JavaScript:alert(document.cookie)", /Only http/],
    ["java\tscript:alert(1)", /spaces or control/],
    ["java\nscript:alert(1)", /spaces or control/],
    [" javascript:alert(1)", /Only http/],
    ["data:text/html,<script>alert(1)</script>", /Only http/],
    ["data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", /Only http/],
    ["vbscript:msgbox(1)", /Only http/],
    ["file:///etc/passwd", /Only http/],
    ["ftp://example.org/file", /Only http/],
    ["blob:https://example.org/uuid", /Only http/],
    ["//evil.example/path", /full web address/],
    ["/relative/path", /full web address/],
    ["example.org", /full web address/],
    ["https://user:pass@example.org/", /user name or password/],
    ["https://exa mple.org/", /spaces/],
    ["https://example.org/\u0000", /control/],
    ["", /Enter the source/],
    ["   ", /Enter the source/],
    [`https://example.org/${"a".repeat(3000)}`, /too long/],
  ])("refuses %j", (url, message) => {
    expect(checkSourceUrl(url)).toMatch(message);
    const parsed = ZSourceInput.safeParse({ url, title: "T", stance: "SUPPORTS" });
    expect(parsed.success).toBe(false);
  });
});

describe("claim fields", () => {
  const source = { url: "https://example.org", title: "Report", stance: "REFUTES" as const };

  it("normalises tags and empty optional source fields", () => {
    const parsed = ZClaimFields.parse({ verdict: "DISPUTED", explanation: " Two counts ", tags: ["Casualties", "casualties", " SOHR "], sources: [{ ...source, publisher: "", excerpt: " x " }] });
    expect(parsed.tags).toEqual(["casualties", "sohr"]);
    expect(parsed.explanation).toBe("Two counts");
    expect(parsed.sources[0]).toMatchObject({ publisher: null, excerpt: "x", publishedAt: null });
  });

  it("needs an explanation once a verdict is given, but not for an unchecked draft", () => {
    const bad = ZClaimFields.safeParse({ verdict: "FALSE", explanation: "  ", tags: [], sources: [] });
    expect(bad.success).toBe(false);
    expect(fieldErrorsOf(bad.error!)).toEqual({ explanation: ["Explain the verdict: readers see this next to it."] });
    expect(ZClaimFields.safeParse({ verdict: "UNVERIFIED", explanation: "", tags: [], sources: [] }).success).toBe(true);
  });

  it("reports each source's errors under its own path", () => {
    const bad = ZClaimFields.safeParse({ verdict: "UNVERIFIED", explanation: "", tags: [], sources: [source, { ...source, url: "javascript:alert(1)", title: "" }] });
    expect(Object.keys(fieldErrorsOf(bad.error!)).sort()).toEqual(["sources.1.title", "sources.1.url"]);
  });

  it("refuses an unknown verdict or stance and a bad date", () => {
    expect(ZClaimFields.safeParse({ verdict: "PANTS_ON_FIRE", explanation: "x", tags: [], sources: [] }).success).toBe(false);
    expect(ZSourceInput.safeParse({ ...source, stance: "MAYBE" }).success).toBe(false);
    expect(ZSourceInput.safeParse({ ...source, publishedAt: "2015-13-45" }).success).toBe(false);
    expect(ZSourceInput.safeParse({ ...source, publishedAt: "2015-10-21" }).success).toBe(true);
  });

  it("splits the Tags field on commas", () => {
    expect(splitTags(" casualties, ,SOHR,")).toEqual(["casualties", "SOHR"]);
  });
});
