import { Fragment, type ReactNode } from "react";
import { BLOCK_SEPARATOR, type TArticleDoc, type TBlock, type TInline, type TListItem } from "@/lib/articles/document";
import { splitAtBoundaries, type Interval } from "@/lib/publishing/segments";

// Renders the stored document as plain HTML with the same elements Tiptap produces, optionally
// with highlights: text is cut into pieces at every highlight boundary (and at formatting), and
// each highlighted piece is wrapped by `renderHighlight` with the ids of the highlights over it.
// Offsets are those of the canonical plain text.

/** `covering` lists the highlights over the piece, outermost first. */
export type RenderHighlight = (covering: string[], children: ReactNode, key: string, pieceStart: number) => ReactNode;

type Ctx = { highlights: Interval[]; renderHighlight?: RenderHighlight; offset: number; first: boolean };

function formatted(n: TInline & { type: "text" }, text: string): ReactNode {
  let out: ReactNode = text;
  for (const mark of n.marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "link") out = <a href={mark.attrs.href} rel="noopener noreferrer nofollow">{out}</a>;
  }
  return out;
}

function renderInline(nodes: TInline[] | undefined, ctx: Ctx): ReactNode[] {
  const out: ReactNode[] = [];
  for (const [i, n] of (nodes ?? []).entries()) {
    const text = n.type === "text" ? n.text : "\n";
    const start = ctx.offset;
    ctx.offset += text.length;
    if (!ctx.renderHighlight || !ctx.highlights.length) {
      out.push(n.type === "hardBreak" ? <br key={i} /> : <Fragment key={i}>{formatted(n, text)}</Fragment>);
      continue;
    }
    for (const piece of splitAtBoundaries(start, start + text.length, ctx.highlights)) {
      const key = `${i}-${piece.start}`;
      const node: ReactNode = n.type === "hardBreak" ? <br /> : formatted(n, text.slice(piece.start - start, piece.end - start));
      out.push(<Fragment key={key}>{piece.covering.length ? ctx.renderHighlight(piece.covering, node, key, piece.start) : node}</Fragment>);
    }
  }
  return out;
}

function textblockStart(ctx: Ctx) {
  if (!ctx.first) ctx.offset += BLOCK_SEPARATOR.length;
  ctx.first = false;
}

function renderBlock(block: TBlock | TListItem, key: number, ctx: Ctx): ReactNode {
  switch (block.type) {
    case "heading": {
      textblockStart(ctx);
      const Tag = `h${block.attrs.level}` as "h1" | "h2" | "h3" | "h4";
      return <Tag key={key}>{renderInline(block.content, ctx)}</Tag>;
    }
    case "paragraph":
      textblockStart(ctx);
      return <p key={key}>{renderInline(block.content, ctx)}</p>;
    case "caption":
      textblockStart(ctx);
      return <p key={key} className="article-caption">{renderInline(block.content, ctx)}</p>;
    case "blockquote":
      return <blockquote key={key}>{block.content.map((b, i) => renderBlock(b, i, ctx))}</blockquote>;
    case "bulletList":
      return <ul key={key}>{block.content.map((b, i) => renderBlock(b, i, ctx))}</ul>;
    case "orderedList":
      return <ol key={key} start={block.attrs?.start}>{block.content.map((b, i) => renderBlock(b, i, ctx))}</ol>;
    case "listItem":
      return <li key={key}>{block.content.map((b, i) => renderBlock(b, i, ctx))}</li>;
  }
}

export default function StaticDocument({ doc, highlights = [], renderHighlight }: { doc: TArticleDoc; highlights?: Interval[]; renderHighlight?: RenderHighlight }) {
  const ctx: Ctx = { highlights, renderHighlight, offset: 0, first: true };
  return <div className="static-document">{doc.content.map((b, i) => renderBlock(b, i, ctx))}</div>;
}
