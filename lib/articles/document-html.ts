// The stored document as HTML, with the same elements Tiptap produces, optionally with highlights:
// text is cut into pieces at every highlight boundary (and at formatting), and each highlighted
// piece is wrapped by `wrap` with the ids of the highlights over it. Offsets are those of the
// canonical plain text (see document.ts).
//
// A string, not a React tree: the public page renders hundreds of highlighted pieces, and as React
// elements each one is serialised twice (RSC payload, then HTML) per request. Pure, so the server
// and the client components that show a document before Tiptap loads share one renderer.
import escapeHtml from "escape-html";
import { splitAtBoundaries, type Interval } from "./segments";
import { BLOCK_SEPARATOR, type TArticleDoc, type TBlock, type TInline, type TListItem } from "./document";

/** Wraps one highlighted piece's HTML. `covering` lists the highlights over it, outermost first. */
export type WrapHighlight = (covering: string[], innerHtml: string, piece: { start: number; end: number; text: string }) => string;

export type DocumentHtmlOptions = { highlights?: Interval[]; wrap?: WrapHighlight };

type Ctx = { highlights: Interval[]; wrap?: WrapHighlight; offset: number; first: boolean };

/** `${name}="${value}"` with the value escaped; the one way attributes are written here. */
export function attr(name: string, value: string | number): string {
  return ` ${name}="${escapeHtml(String(value))}"`;
}

function formatted(node: TInline & { type: "text" }, text: string): string {
  let out = escapeHtml(text);
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") out = `<strong>${out}</strong>`;
    else if (mark.type === "italic") out = `<em>${out}</em>`;
    // ZArticleDoc only admits http(s) and mailto hrefs, so no script URL can reach this.
    else if (mark.type === "link") out = `<a${attr("href", mark.attrs.href)} rel="noopener noreferrer nofollow">${out}</a>`;
  }
  return out;
}

function inlineHtml(nodes: TInline[] | undefined, ctx: Ctx): string {
  let out = "";
  for (const node of nodes ?? []) {
    const text = node.type === "text" ? node.text : "\n";
    const start = ctx.offset;
    ctx.offset += text.length;
    if (!ctx.wrap || !ctx.highlights.length) {
      out += node.type === "hardBreak" ? "<br>" : formatted(node, text);
      continue;
    }
    for (const piece of splitAtBoundaries(start, start + text.length, ctx.highlights)) {
      const pieceText = text.slice(piece.start - start, piece.end - start);
      const inner = node.type === "hardBreak" ? "<br>" : formatted(node, pieceText);
      out += piece.covering.length ? ctx.wrap(piece.covering, inner, { start: piece.start, end: piece.end, text: pieceText }) : inner;
    }
  }
  return out;
}

function textblockStart(ctx: Ctx) {
  if (!ctx.first) ctx.offset += BLOCK_SEPARATOR.length;
  ctx.first = false;
}

function blockHtml(block: TBlock | TListItem, ctx: Ctx): string {
  const children = (blocks: (TBlock | TListItem)[]) => blocks.map((b) => blockHtml(b, ctx)).join("");
  switch (block.type) {
    case "heading": {
      textblockStart(ctx);
      const tag = `h${block.attrs.level}`;
      return `<${tag}>${inlineHtml(block.content, ctx)}</${tag}>`;
    }
    case "paragraph":
      textblockStart(ctx);
      return `<p>${inlineHtml(block.content, ctx)}</p>`;
    case "caption":
      textblockStart(ctx);
      return `<p class="article-caption">${inlineHtml(block.content, ctx)}</p>`;
    case "blockquote":
      return `<blockquote>${children(block.content)}</blockquote>`;
    case "bulletList":
      return `<ul>${children(block.content)}</ul>`;
    case "orderedList":
      return `<ol${block.attrs?.start !== undefined ? attr("start", block.attrs.start) : ""}>${children(block.content)}</ol>`;
    case "listItem":
      return `<li>${children(block.content)}</li>`;
  }
}

/** The document's blocks as HTML (without a wrapping element). */
export function documentHtml(doc: TArticleDoc, { highlights = [], wrap }: DocumentHtmlOptions = {}): string {
  const ctx: Ctx = { highlights, wrap, offset: 0, first: true };
  return doc.content.map((b) => blockHtml(b, ctx)).join("");
}
