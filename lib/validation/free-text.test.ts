// Issue 12, items 7 and 8: every field where free text enters is refused with a reason when it holds
// a NUL or half a surrogate pair (PostgreSQL would fail with a 500), names and bylines also when they
// hold control or text-direction characters, and dates when they do not exist.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZCreateUser, ZUpdateProfile } from "@/lib/accounts/schemas";
import { ZArticleDoc } from "@/lib/articles/document";
import { ZCreateArticle, ZRestoreVersion, ZSaveVersion, ZStaleClaimAction } from "./articles";
import { ZClaimFields, ZCreateClaim, ZDeleteClaim, ZSourceInput, ZUpdateClaim } from "./claims";
import { ZComment, ZQueueFilters, ZTransition } from "./workflow";

const source = { url: "https://example.org/report", title: "Report", stance: "SUPPORTS" };
const fields = { verdict: "FALSE", explanation: "Checked.", tags: ["dams"], sources: [source] };
const article = { format: "text", content: "Body.", title: "Dam report", byline: "Ada Reporter", sourceUrl: null, publishedAt: "2024-03-05" };

/** [field, schema, a valid input, how to put a value into it] */
const FREE_TEXT: [string, z.ZodType, unknown, (v: string) => unknown][] = [
  ["claim explanation", ZClaimFields, fields, (v) => ({ ...fields, explanation: v })],
  ["claim tag", ZClaimFields, fields, (v) => ({ ...fields, tags: [v] })],
  ["source title", ZSourceInput, source, (v) => ({ ...source, title: v })],
  ["source publisher", ZSourceInput, source, (v) => ({ ...source, publisher: v })],
  ["source excerpt", ZSourceInput, source, (v) => ({ ...source, excerpt: v })],
  ["comment", ZComment, { body: "Fine." }, (v) => ({ body: v })],
  ["transition reason", ZTransition, { action: "retract", version: 1, reason: "Wrong." }, (v) => ({ action: "retract", version: 1, reason: v })],
  ["send-back reason", ZStaleClaimAction, { action: "send-back", version: 1, reason: "Check." }, (v) => ({ action: "send-back", version: 1, reason: v })],
  ["import title", ZCreateArticle, article, (v) => ({ ...article, title: v })],
  ["byline", ZCreateArticle, article, (v) => ({ ...article, byline: v })],
  ["correction note on save", ZSaveVersion, { baseVersionId: "v1", doc: {}, correctionNote: "Fixed." }, (v) => ({ baseVersionId: "v1", doc: {}, correctionNote: v })],
  ["correction note on restore", ZRestoreVersion, { baseVersionId: "v1", correctionNote: null }, (v) => ({ baseVersionId: "v1", correctionNote: v })],
  ["profile name", ZUpdateProfile, { name: "Ada" }, (v) => ({ name: v })],
  ["new user's name", ZCreateUser, { name: "Ada", email: "ada@example.org", role: "READER", method: "invitation" }, (v) => ({ name: v, email: "ada@example.org", role: "READER", method: "invitation" })],
];

const message = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? null : r.error.issues.map((i) => i.message).join(" ");
};

describe.each(FREE_TEXT)("the %s", (_, schema, valid, put) => {
  it("accepts the valid input", () => expect(message(schema, valid)).toBeNull());
  it("refuses a NUL with a reason", () => expect(message(schema, put("dam\u0000report"))).toMatch(/NUL character/));
  it("refuses a lone surrogate with a reason", () => expect(message(schema, put("dam \uD800 report"))).toMatch(/broken character/));
  it("keeps an emoji", () => expect(message(schema, put("dam 😀 report"))).toBeNull());
});

describe("names shown to readers (issue 12, item 8)", () => {
  it.each([
    ["the byline", (v: string) => ({ ...article, byline: v }), ZCreateArticle],
    ["a profile name", (v: string) => ({ name: v }), ZUpdateProfile],
    ["a new user's name", (v: string) => ({ name: v, email: "ada@example.org", role: "READER", method: "password", password: "" }), ZCreateUser],
  ] as const)("%s refuses text-direction and control characters", (_, put, schema) => {
    for (const bad of ["Ada\u202Eyrtsiger", "\u2067Ada\u2069", "Ada\u200F", "Ada\u0007", "Ada\u009B"]) expect(message(schema, put(bad))).toMatch(/control or text-direction/);
    expect(message(schema, put("Zoë O’Brien"))).toBeNull();
  });
  it("leaves text-direction characters alone in an explanation, where they are not a name", () => {
    expect(message(ZClaimFields, { ...fields, explanation: "quoted \u202Bעברית\u202C text" })).toBeNull();
  });
});

describe("dates that do not exist are refused, not rolled over (issue 12, items 7 and 8)", () => {
  it.each(["2024-02-30", "2023-02-29", "2024-04-31", "0000-01-01", "2024-13-01"])("article publishedAt %s", (d) => {
    expect(message(ZCreateArticle, { ...article, publishedAt: d })).toMatch(/not a date|year must be/);
  });
  it.each(["0000-01-01", "2024-02-30"])("source dates %s", (d) => {
    expect(message(ZSourceInput, { ...source, publishedAt: d })).toMatch(/not a date|year must be/);
    expect(message(ZSourceInput, { ...source, accessedAt: d })).toMatch(/not a date|year must be/);
  });
  it("keeps a real leap day as written", () => {
    expect((ZCreateArticle.parse({ ...article, publishedAt: "2024-02-29" }) as { publishedAt: string }).publishedAt).toBe("2024-02-29");
  });
});

describe("web addresses", () => {
  it("refuse half a surrogate pair, which URL parsing would quietly turn into U+FFFD", () => {
    expect(message(ZSourceInput, { ...source, url: "https://example.org/\uD800" })).toMatch(/broken character/);
    expect(message(ZCreateArticle, { ...article, sourceUrl: "https://example.org/\uDC00" })).toMatch(/broken character/);
    expect(message(ZSourceInput, { ...source, url: "https://example.org/😀" })).toBeNull();
  });
});

describe("imported article text", () => {
  it("refuses half a surrogate pair in the content, and leaves NUL to the binary-file check", () => {
    expect(message(ZCreateArticle, { ...article, content: "Body \uDE00." })).toMatch(/broken character/);
    expect(message(ZCreateArticle, { ...article, content: "Body 😀." })).toBeNull();
  });
  it("refuses a NUL or half a surrogate pair in a saved version's document", () => {
    const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
    expect(message(ZArticleDoc, doc("Body."))).toBeNull();
    expect(message(ZArticleDoc, doc("Bo\u0000dy."))).toMatch(/NUL character/);
    expect(message(ZArticleDoc, doc("Body \uD800."))).toMatch(/broken character/);
  });
});

describe("version counters", () => {
  it.each([2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER])("refuses %d, which PostgreSQL's int cannot compare (a 500 before)", (version) => {
    expect(message(ZUpdateClaim, { version, fields })).toMatch(/no such version/);
    expect(message(ZDeleteClaim, { version })).toMatch(/no such version/);
    expect(message(ZTransition, { action: "submit", version })).toMatch(/no such version/);
    expect(message(ZStaleClaimAction, { action: "confirm", version })).toMatch(/no such version/);
  });
  it("accepts the largest int", () => expect(message(ZDeleteClaim, { version: 2 ** 31 - 1 })).toBeNull());
});

describe("ids in bodies and filters", () => {
  it("refuses a NUL in an article version id or a queue filter", () => {
    expect(ZCreateClaim.safeParse({ articleVersionId: "v\u0000", start: 0, end: 1, fields }).success).toBe(false);
    expect(ZQueueFilters.safeParse({ article: "dam\u0000" }).success).toBe(false);
    expect(ZQueueFilters.safeParse({ reviewer: "\u0000" }).success).toBe(false);
  });
});
