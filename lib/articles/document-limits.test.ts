import { describe, expect, it } from "vitest";
import { nestedQuotesDoc, syncCodeOf } from "@/lib/testing/hostile-documents";
import { checkDocShape, MAX_DOC_DEPTH, MAX_DOC_NODES, measureDoc } from "./document";

describe("document shape bounds", () => {
  it("measures depth and nodes without recursion, even 100,000 deep", () => {
    expect(measureDoc(nestedQuotesDoc(100_000))).toEqual({ depth: 100_002, nodes: 100_003 });
  });

  it.each([
    // Documents are built inside the test: vitest walks each.table values recursively.
    ["2,000 nested blockquotes (the probe's input)", "INVALID", () => nestedQuotesDoc(2_000)],
    ["one level over", "INVALID", () => nestedQuotesDoc(MAX_DOC_DEPTH - 1)],
    ["at the limit", "OK", () => nestedQuotesDoc(MAX_DOC_DEPTH - 2)],
    ["too many nodes", "PAYLOAD_TOO_LARGE", () => ({ type: "doc", content: Array.from({ length: MAX_DOC_NODES }, () => ({ type: "paragraph" })) })],
    ["not even an object", "OK", () => "doc"],
  ])("%s → %s", (_name, code, buildDoc) => {
    expect(syncCodeOf(() => checkDocShape(buildDoc()))).toBe(code);
  });
});
