import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { TBlock } from "./document";
import { parseEditedDoc } from "./save-version";

// Regression for issue 12, item 7: a version document with 2,000 nested blockquotes overflowed the
// stack (500). Only parseEditedDoc is used, so the test runs unchanged against the code before the fix.
function nestedQuotes(n: number): unknown {
  let block: TBlock = { type: "paragraph", content: [{ type: "text", text: "deep" }] };
  for (let i = 0; i < n; i++) block = { type: "blockquote", content: [block] };
  return { type: "doc", content: [block] };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "OK";
  } catch (e) {
    return e instanceof AppError ? e.code : `THROWN ${String(e)}`;
  }
}

describe("parseEditedDoc nesting", () => {
  it("a saved version with 2,000 nested blockquotes is a 400 naming the limit, not a stack overflow", () => {
    expect(codeOf(() => parseEditedDoc(nestedQuotes(2_000)))).toBe("INVALID");
    expect(() => parseEditedDoc(nestedQuotes(2_000))).toThrow("The document nests blocks 2,002 deep; Factmark accepts at most 64 levels (a list level counts two).");
  });

  it("a saved version nested to the limit is stored as it is", () => {
    expect(parseEditedDoc(nestedQuotes(62))).toEqual(nestedQuotes(62));
  });
});
