import { Parser } from "htmlparser2";
import { AppError } from "@/lib/errors";

/**
 * Cheap, linear checks that run before any real parser sees an import (issue 12, item 4). jsdom,
 * Readability, marked and our own tree walks all recurse or go quadratic on deep nesting: 20,000
 * nested <div>s ran 78 s and overflowed the stack; a Markdown list nested 1,000 deep took 12.6 s.
 * Real articles nest a handful of levels, so the limits below leave a wide margin, and when the
 * estimate is unsure it errs toward refusing.
 */
export const MAX_HTML_DEPTH = 100;
export const MAX_HTML_ELEMENTS = 100_000;
/** Lists and quotes; 30 keeps the stored document (two nodes per list level) under MAX_DOC_DEPTH. */
export const MAX_MARKDOWN_NESTING = 30;

const count = (n: number) => n.toLocaleString("en-US");

class LimitReached extends Error {}

export type HtmlShape = { depth: number; elements: number; tooDeep: boolean; tooMany: boolean };

/**
 * Depth and element count of HTML as a browser would nest it: htmlparser2 applies HTML's implied
 * end tags (`<p>a<p>b` and `<li>a<li>b` are siblings, void elements never open) and skips the text of
 * scripts, styles and comments. Stops reading at the first limit, so its own stack stays small and the
 * scan stays linear even on input built to be expensive.
 */
export function measureHtml(html: string, limits = { depth: MAX_HTML_DEPTH, elements: MAX_HTML_ELEMENTS }): HtmlShape {
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  const parser = new Parser(
    {
      onopentag() {
        depth++;
        elements++;
        if (depth > deepest) deepest = depth;
        if (depth > limits.depth || elements > limits.elements) throw new LimitReached();
      },
      onclosetag() {
        depth--;
      },
    },
    { decodeEntities: false },
  );
  try {
    parser.end(html);
  } catch (e) {
    if (!(e instanceof LimitReached)) throw e;
    // How deep the input goes in total, for the message; a plain count of start tags is linear and
    // never below the true depth of the part we read.
    const total = countStartTags(html);
    return { depth: Math.max(deepest, depth), elements: Math.max(elements, total), tooDeep: depth > limits.depth, tooMany: elements > limits.elements };
  }
  return { depth: deepest, elements, tooDeep: false, tooMany: false };
}

function countStartTags(html: string): number {
  return html.match(/<[a-zA-Z]/g)?.length ?? 0;
}

/** Throws a 400 naming the limit when HTML nests too deep or has too many elements. */
export function checkHtmlShape(html: string, what = "The article"): void {
  const shape = measureHtml(html);
  if (shape.tooDeep) {
    const reported = Math.max(shape.depth, nestingEstimate(html));
    throw new AppError("INVALID", `${what} nests elements ${count(reported)} deep; Factmark accepts at most ${MAX_HTML_DEPTH} levels.`, {
      content: [`Elements nest at most ${MAX_HTML_DEPTH} levels deep.`],
    });
  }
  if (shape.tooMany) {
    throw new AppError("INVALID", `${what} has ${count(shape.elements)} HTML elements; Factmark accepts at most ${count(MAX_HTML_ELEMENTS)}.`, {
      content: [`At most ${count(MAX_HTML_ELEMENTS)} HTML elements.`],
    });
  }
}

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** Start tags minus end tags at their highest, void elements aside: the depth named in the refusal. */
function nestingEstimate(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/g)) {
    if (VOID_ELEMENTS.has(m[2].toLowerCase())) continue;
    depth += m[1] ? -1 : 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;

function columnsOf(whitespace: string): number {
  let col = 0;
  for (const ch of whitespace) col = ch === "\t" ? col + 4 - (col % 4) : col + 1;
  return col;
}

/**
 * How deep Markdown nests lists and block quotes, the way CommonMark decides it: a list item owns the
 * lines indented at least to its content column, and each `>` opens a quote. A stack of content columns
 * follows the open items, so the scan is linear. Fenced code is not recognised: an indented code line
 * can only make the estimate larger, never smaller.
 */
export function measureMarkdownNesting(markdown: string): number {
  const openItems: number[] = [];
  let deepest = 0;
  for (const line of markdown.split(/\r\n?|\n/)) {
    if (!line.trim()) continue;
    let rest = line;
    let col = 0;
    let quotes = 0;
    // Leading quote markers: "> > text" or ">>text".
    for (;;) {
      const lead = /^[ \t]*/.exec(rest)![0];
      if (rest[lead.length] !== ">") break;
      quotes++;
      col += columnsOf(lead) + 1;
      rest = rest.slice(lead.length + 1);
    }
    const indentText = /^[ \t]*/.exec(rest)![0];
    const indent = col + columnsOf(indentText);
    rest = rest.slice(indentText.length);
    while (openItems.length && openItems[openItems.length - 1] > indent) openItems.pop();
    // Markers stacked on one line ("- - - x") nest too.
    let at = indent;
    for (let m = LIST_MARKER.exec(rest); m; m = LIST_MARKER.exec(rest)) {
      at += columnsOf(m[0].replace(/[ \t]+$/, "")) + Math.max(1, columnsOf(/[ \t]*$/.exec(m[0])![0]));
      openItems.push(at);
      rest = rest.slice(m[0].length);
    }
    deepest = Math.max(deepest, openItems.length + quotes);
  }
  return deepest;
}

/** Throws a 400 naming the limit when Markdown nests lists or quotes too deep, or embeds HTML that does. */
export function checkMarkdownShape(markdown: string): void {
  const nesting = measureMarkdownNesting(markdown);
  if (nesting > MAX_MARKDOWN_NESTING) {
    throw new AppError("INVALID", `The article nests lists or quotes ${count(nesting)} deep; Factmark accepts at most ${MAX_MARKDOWN_NESTING} levels.`, {
      content: [`Lists and quotes nest at most ${MAX_MARKDOWN_NESTING} levels deep.`],
    });
  }
  // Markdown passes raw HTML through, and that HTML is parsed like any other.
  checkHtmlShape(markdown);
}
