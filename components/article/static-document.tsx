import type { ReactNode } from "react";
import type { TArticleDoc, TBlock, TInline, TListItem } from "@/lib/articles/document";

// Renders the stored document as plain HTML with the same elements Tiptap produces, so the
// server's first paint and the client's editor look the same.

function renderInline(nodes: TInline[] | undefined): ReactNode[] {
  return (nodes ?? []).map((n, i) => {
    if (n.type === "hardBreak") return <br key={i} />;
    let out: ReactNode = n.text;
    for (const mark of n.marks ?? []) {
      if (mark.type === "bold") out = <strong>{out}</strong>;
      else if (mark.type === "italic") out = <em>{out}</em>;
      else if (mark.type === "link") out = <a href={mark.attrs.href} rel="noopener noreferrer nofollow">{out}</a>;
    }
    return <span key={i}>{out}</span>;
  });
}

function renderBlock(block: TBlock | TListItem, key: number): ReactNode {
  switch (block.type) {
    case "heading": {
      const Tag = `h${block.attrs.level}` as "h1" | "h2" | "h3" | "h4";
      return <Tag key={key}>{renderInline(block.content)}</Tag>;
    }
    case "paragraph":
      return <p key={key}>{renderInline(block.content)}</p>;
    case "caption":
      return <p key={key} className="article-caption">{renderInline(block.content)}</p>;
    case "blockquote":
      return <blockquote key={key}>{block.content.map(renderBlock)}</blockquote>;
    case "bulletList":
      return <ul key={key}>{block.content.map(renderBlock)}</ul>;
    case "orderedList":
      return <ol key={key} start={block.attrs?.start}>{block.content.map(renderBlock)}</ol>;
    case "listItem":
      return <li key={key}>{block.content.map(renderBlock)}</li>;
  }
}

export default function StaticDocument({ doc }: { doc: TArticleDoc }) {
  return <div className="static-document">{doc.content.map(renderBlock)}</div>;
}
