import { describe, expect, it } from "vitest";
import { nestedQuotesDoc, syncCodeOf } from "@/lib/testing/hostile-documents";
import { parseEditedDoc } from "./save-version";

// Regression for issue 12, item 7: a version document with 2,000 nested blockquotes overflowed the
// stack (500). Only parseEditedDoc is used, so the test runs unchanged against the code before the fix.
describe("parseEditedDoc nesting", () => {
  it("a saved version with 2,000 nested blockquotes is a 400 naming the limit, not a stack overflow", () => {
    expect(syncCodeOf(() => parseEditedDoc(nestedQuotesDoc(2_000)))).toBe("INVALID");
    expect(() => parseEditedDoc(nestedQuotesDoc(2_000))).toThrow("The document nests blocks 2,002 deep; Factmark accepts at most 64 levels (a list level counts two).");
  });

  it("a saved version nested to the limit is stored as it is", () => {
    expect(parseEditedDoc(nestedQuotesDoc(62))).toEqual(nestedQuotesDoc(62));
  });
});

describe("parseEditedDoc with malformed children", () => {
  // Found by test:security's fuzzer: normalizeDoc threw a TypeError on these, which was a 500.
  const paragraph = (content: unknown) => ({ type: "doc", content: [{ type: "paragraph", content }] });
  it.each([
    ["a null child", paragraph([{ type: "text", text: "ok" }, null])],
    ["text that is an object", paragraph([{ type: "text", text: {} }])],
    ["content that is an object", { type: "doc", content: [{ type: "paragraph", content: { constructor: { prototype: { x: 1 } }, value: {} } }] }],
  ])("%s is a 400 with a reason", (_name, doc) => {
    expect(syncCodeOf(() => parseEditedDoc(doc))).toBe("INVALID");
  });
});
