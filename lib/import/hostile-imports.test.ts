import { describe, expect, it } from "vitest";
import { nestedDivs, nestedMarkdownList as nestedList, nestedMarkdownQuotes as nestedQuotes } from "@/lib/testing/hostile-documents";
import { AppError } from "@/lib/errors";
import { prepareImport } from "./prepare-import";

// Regression tests for issue 12, item 4: these inputs ran 20-80 s and ended in a stack overflow (500).
// They use only prepareImport, so they run unchanged against the code before the fix.

function refusal(fn: () => unknown): { code: string; message: string; ms: number } {
  const started = performance.now();
  try {
    fn();
  } catch (e) {
    return { code: e instanceof AppError ? e.code : `THROWN ${String(e)}`, message: e instanceof Error ? e.message : "", ms: performance.now() - started };
  }
  return { code: "OK", message: "", ms: performance.now() - started };
}

describe("prepareImport refuses hostile nesting before parsing, quickly", () => {
  it.each([
    ["20,000 nested divs", "html", nestedDivs(20_000)],
    ["a 1,000-deep list", "markdown", nestedList(1_000)],
    ["2,000 nested quotes", "markdown", nestedQuotes(2_000)],
    ["a full page of 20,000 nested divs", "html", `<!doctype html><html><body>${nestedDivs(20_000)}</body></html>`],
  ] as const)("%s %s → 400 within 2 s", (_name, format, content) => {
    const r = refusal(() => prepareImport(format, content));
    expect(r.code).toBe("INVALID");
    // Generous: the machine is shared; the old code took 20-80 s.
    expect(r.ms).toBeLessThan(2_000);
  });

  it("imports a list nested to the Markdown limit", () => {
    const p = prepareImport("markdown", nestedList(30));
    expect(p.plainText.split("\n\n")).toHaveLength(30);
  });

  it("imports HTML nested 99 divs deep (wrappers flatten)", () => {
    expect(prepareImport("html", nestedDivs(99)).plainText).toBe("x");
  });

  it("refuses HTML whose quotes nest deeper than a stored document may, with the document limit", () => {
    const html = `${"<blockquote>".repeat(80)}x${"</blockquote>".repeat(80)}`;
    expect(refusal(() => prepareImport("html", html)).message).toMatch(/^The imported article nests blocks 82 deep; Factmark accepts at most 64 levels/);
  });
});
