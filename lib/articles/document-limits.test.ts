import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkDocShape, MAX_DOC_DEPTH, MAX_DOC_NODES, measureDoc, type TBlock } from "./document";

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

describe("document shape bounds", () => {
  it("measures depth and nodes without recursion, even 100,000 deep", () => {
    expect(measureDoc(nestedQuotes(100_000))).toEqual({ depth: 100_002, nodes: 100_003 });
  });

  it.each([
    // Documents are built inside the test: vitest walks each.table values recursively.
    ["2,000 nested blockquotes (the probe's input)", "INVALID", () => nestedQuotes(2_000)],
    ["one level over", "INVALID", () => nestedQuotes(MAX_DOC_DEPTH - 1)],
    ["at the limit", "OK", () => nestedQuotes(MAX_DOC_DEPTH - 2)],
    ["too many nodes", "PAYLOAD_TOO_LARGE", () => ({ type: "doc", content: Array.from({ length: MAX_DOC_NODES }, () => ({ type: "paragraph" })) })],
    ["not even an object", "OK", () => "doc"],
  ])("%s → %s", (_name, code, buildDoc) => {
    expect(codeOf(() => checkDocShape(buildDoc()))).toBe(code);
  });
});
