import { describe, expect, it } from "vitest";
import { normalizeOrigin, originsFromText, ZEmbedQuery, ZEmbedSettings } from "./schemas";

describe("allowed origins", () => {
  it("normalises an origin to scheme://host[:port]", () => {
    expect(normalizeOrigin(" https://News.Example.org/ ")).toEqual({ origin: "https://news.example.org" });
    expect(normalizeOrigin("http://127.0.0.1:3221")).toEqual({ origin: "http://127.0.0.1:3221" });
    expect(normalizeOrigin("https://example.org:443")).toEqual({ origin: "https://example.org" });
  });
  it("refuses paths, queries, credentials, other schemes and non-addresses with a reason", () => {
    for (const bad of ["https://example.org/news", "https://example.org/?x=1", "https://user:pw@example.org", "ftp://example.org", "javascript:alert(1)", "example.org", "https://example.org/#top"]) {
      expect("problem" in normalizeOrigin(bad), bad).toBe(true);
    }
  });
  it("parses the form's lines, drops blanks and duplicates", () => {
    const r = ZEmbedSettings.parse({ allowedOrigins: originsFromText("https://a.example\n\nhttps://a.example/\r\nhttp://b.example:8080") });
    expect(r.allowedOrigins).toEqual(["https://a.example", "http://b.example:8080"]);
    expect(ZEmbedSettings.safeParse({ allowedOrigins: ["https://a.example/path"] }).success).toBe(false);
    expect(ZEmbedSettings.safeParse({ allowedOrigins: "https://a.example" }).success).toBe(false);
  });
});

describe("embed query", () => {
  it("takes a slug or a page address, not both and not neither", () => {
    expect(ZEmbedQuery.safeParse({ article: "a-slug" }).success).toBe(true);
    expect(ZEmbedQuery.safeParse({ url: "https://news.example.org/story" }).success).toBe(true);
    expect(ZEmbedQuery.safeParse({ article: "a-slug", url: "https://news.example.org/story" }).success).toBe(false);
    expect(ZEmbedQuery.safeParse({}).success).toBe(false);
    expect(ZEmbedQuery.safeParse({ article: "Not A Slug" }).success).toBe(false);
    expect(ZEmbedQuery.safeParse({ url: "javascript:alert(1)" }).success).toBe(false);
  });
});
