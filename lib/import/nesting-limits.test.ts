import { describe, expect, it } from "vitest";
import { nestedDivs, nestedMarkdownList as nestedList, nestedMarkdownQuotes as nestedQuotes } from "@/lib/testing/hostile-documents";
import { AppError } from "@/lib/errors";
import { checkHtmlShape, checkMarkdownShape, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, MAX_MARKDOWN_NESTING, measureHtml, measureMarkdownNesting } from "./nesting-limits";


function refusal(fn: () => unknown): { code: string; message: string; ms: number } {
  const started = performance.now();
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message, ms: performance.now() - started };
    throw e;
  }
  return { code: "OK", message: "", ms: performance.now() - started };
}

describe("HTML nesting pre-scan", () => {
  it.each([
    ["20,000 nested divs (the probe's input)", "INVALID", nestedDivs(20_000)],
    ["20,000 unclosed divs", "INVALID", "<div>".repeat(20_000)],
    ["one level over the limit", "INVALID", nestedDivs(MAX_HTML_DEPTH + 1)],
    ["exactly at the limit", "OK", nestedDivs(MAX_HTML_DEPTH)],
    ["10,000 unclosed paragraphs are siblings, not nesting", "OK", "<p>para ".repeat(10_000)],
    ["10,000 unclosed list items are siblings", "OK", `<ul>${"<li>item ".repeat(10_000)}</ul>`],
    ["void elements never open", "OK", `<p>${"<br><img src=x><hr>".repeat(5_000)}</p>`],
    ["tags inside a script are text", "OK", `<script>${"<div>".repeat(5_000)}</script><p>x</p>`],
    ["tags inside a comment are text", "OK", `<!--${"<div>".repeat(5_000)}--><p>x</p>`],
    ["too many elements, however flat", "INVALID", "<span>x</span>".repeat(MAX_HTML_ELEMENTS + 1)],
  ])("%s → %s", (_name, code, html) => {
    expect(refusal(() => checkHtmlShape(html)).code).toBe(code);
  });

  it("names the depth it found and the limit", () => {
    const r = refusal(() => checkHtmlShape(nestedDivs(20_000)));
    expect(r.message).toBe("The article nests elements 20,000 deep; Factmark accepts at most 100 levels.");
  });

  it("stays linear on input built to be expensive: deep nesting followed by many stray end tags", () => {
    const hostile = "<div>".repeat(20_000) + "</span>".repeat(200_000);
    const r = refusal(() => checkHtmlShape(hostile));
    expect(r.code).toBe("INVALID");
    expect(r.ms).toBeLessThan(1_000);
  });

  it("measures an ordinary page", () => {
    const shape = measureHtml("<html><head><title>t</title></head><body><main><article><h1>T</h1><p>a <b>b</b></p></article></main></body></html>");
    expect(shape).toMatchObject({ depth: 6, tooDeep: false, tooMany: false });
  });
});

describe("Markdown nesting pre-scan", () => {
  it.each([
    ["a list nested 1,000 deep (the probe's input)", nestedList(1_000), 1_000],
    ["a list nested 31 deep with four-space indents", nestedList(31, "    "), 31],
    ["quotes nested 2,000 deep", nestedQuotes(2_000), 2_000],
    ["markers stacked on one line", `${"- ".repeat(500)}x`, 500],
    ["a flat list", "- a\n- b\n- c", 1],
    ["a nested list that comes back out", "- a\n  - b\n    - c\n- d\n  - e", 3],
    ["a quote holding a list", "> - a\n>   - b", 3],
    ["plain paragraphs", "One.\n\nTwo.\n\n    indented code", 0],
  ])("%s → %s", (_name, md, nesting) => {
    expect(measureMarkdownNesting(md)).toBe(nesting);
  });

  it.each([
    ["1,000-deep list", "INVALID", nestedList(1_000)],
    ["2,000 nested quotes", "INVALID", nestedQuotes(2_000)],
    ["at the limit", "OK", nestedList(MAX_MARKDOWN_NESTING)],
    ["one over the limit", "INVALID", nestedList(MAX_MARKDOWN_NESTING + 1)],
    ["raw HTML nested 20,000 deep inside Markdown", "INVALID", `# Title\n\n${nestedDivs(20_000)}`],
  ])("%s → %s", (_name, code, md) => {
    expect(refusal(() => checkMarkdownShape(md)).code).toBe(code);
  });

  it("names the depth it found and the limit", () => {
    expect(refusal(() => checkMarkdownShape(nestedList(1_000))).message).toBe("The article nests lists or quotes 1,000 deep; Factmark accepts at most 30 levels.");
  });
});
