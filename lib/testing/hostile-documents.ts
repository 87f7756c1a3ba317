// Hostile inputs shared by the nesting tests (issue 12, items 4 and 7).
import { AppError } from "@/lib/errors";
import type { TBlock } from "@/lib/articles/document";

export const nestedDivs = (n: number) => `${"<div>".repeat(n)}x${"</div>".repeat(n)}`;
export const nestedMarkdownList = (n: number, indent = "  ") => Array.from({ length: n }, (_, i) => `${indent.repeat(i)}- item ${i}`).join("\n");
export const nestedMarkdownQuotes = (n: number) => `${"> ".repeat(n)}deep`;

/** A document whose only block is a paragraph inside n blockquotes. */
export function nestedQuotesDoc(n: number): unknown {
  let block: TBlock = { type: "paragraph", content: [{ type: "text", text: "deep" }] };
  for (let i = 0; i < n; i++) block = { type: "blockquote", content: [block] };
  return { type: "doc", content: [block] };
}

/** "OK", the AppError code a synchronous call threw, or "THROWN …" for anything else (a stack overflow). */
export function syncCodeOf(fn: () => unknown): string {
  try {
    fn();
    return "OK";
  } catch (e) {
    return e instanceof AppError ? e.code : `THROWN ${String(e)}`;
  }
}
