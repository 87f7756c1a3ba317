import { JSDOM } from "jsdom";
import type { TArticleDoc, TBlock, TInline, TListItem, TText } from "@/lib/articles/document";

// Turns (already sanitized) HTML into the stored Tiptap document: the same walk a browser does to
// lay the text out (whitespace collapsed, blocks split), limited to the node types Factmark keeps.

type Mark = NonNullable<TText["marks"]>[number];

const BLOCK_CONTAINERS = new Set(["div", "section", "article", "main", "header", "figure", "body"]);
const INLINE_MARK: Record<string, Mark> = { strong: { type: "bold" }, b: { type: "bold" }, em: { type: "italic" }, i: { type: "italic" } };

function collapse(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, " ");
}

function isElement(n: Node): n is Element {
  return n.nodeType === 1;
}

function collectInline(node: Node, marks: Mark[], out: TInline[]): void {
  if (node.nodeType === 3) {
    const t = collapse(node.textContent ?? "");
    if (t) out.push({ type: "text", text: t, ...(marks.length ? { marks } : {}) });
    return;
  }
  if (!isElement(node)) return;
  const tag = node.tagName.toLowerCase();
  if (tag === "br") {
    out.push({ type: "hardBreak" });
    return;
  }
  let next = marks;
  if (INLINE_MARK[tag] && !marks.some((m) => m.type === INLINE_MARK[tag].type)) next = [...marks, INLINE_MARK[tag]];
  if (tag === "a") {
    const href = node.getAttribute("href");
    if (href && /^(https?:|mailto:)/i.test(href) && !marks.some((m) => m.type === "link")) next = [...next, { type: "link", attrs: { href } }];
  }
  for (const child of Array.from(node.childNodes)) collectInline(child, next, out);
}

/** Trims a textblock's inline content: no spaces at its edges, around hard breaks or doubled between nodes. */
export function tidyInline(nodes: TInline[]): TInline[] {
  const out: TInline[] = [];
  for (const n of nodes) {
    if (n.type === "hardBreak") {
      const prev = out[out.length - 1];
      if (prev?.type === "text") prev.text = prev.text.replace(/ +$/, "");
      out.push(n);
      continue;
    }
    let text = n.text;
    const prev = out[out.length - 1];
    if (!prev || prev.type === "hardBreak" || (prev.type === "text" && prev.text.endsWith(" "))) text = text.replace(/^ +/, "");
    if (!text) continue;
    if (prev?.type === "text" && JSON.stringify(prev.marks ?? []) === JSON.stringify(n.marks ?? [])) prev.text += text;
    else out.push({ ...n, text });
  }
  // trailing spaces and hard breaks at the end say nothing
  while (out.length) {
    const last = out[out.length - 1];
    if (last.type === "hardBreak") out.pop();
    else if (last.type === "text" && !last.text.trim()) out.pop();
    else {
      if (last.type === "text") last.text = last.text.replace(/ +$/, "");
      break;
    }
  }
  while (out.length && out[0].type === "hardBreak") out.shift();
  return out.filter((n) => n.type === "hardBreak" || n.text.length > 0);
}

function inlineOf(el: Node): TInline[] {
  const raw: TInline[] = [];
  for (const child of Array.from(el.childNodes)) collectInline(child, [], raw);
  return tidyInline(raw);
}

function walkBlocks(nodes: Node[], out: TBlock[]): void {
  let pending: TInline[] = [];
  const flush = () => {
    const content = tidyInline(pending);
    pending = [];
    if (content.length) out.push({ type: "paragraph", content });
  };
  for (const node of nodes) {
    if (!isElement(node)) {
      if (node.nodeType === 3) collectInline(node, [], pending);
      continue;
    }
    const tag = node.tagName.toLowerCase();
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      flush();
      const content = inlineOf(node);
      const level = Math.min(4, Number(heading[1])) as 1 | 2 | 3 | 4;
      if (content.length) out.push({ type: "heading", attrs: { level }, content });
    } else if (tag === "p" || tag === "li") {
      flush();
      walkBlocks(Array.from(node.childNodes), out);
    } else if (tag === "figcaption") {
      flush();
      const content = inlineOf(node);
      if (content.length) out.push({ type: "caption", content });
    } else if (tag === "blockquote") {
      flush();
      const inner: TBlock[] = [];
      walkBlocks(Array.from(node.childNodes), inner);
      if (inner.length) out.push({ type: "blockquote", content: inner });
    } else if (tag === "ul" || tag === "ol") {
      flush();
      const items: TListItem[] = [];
      for (const li of Array.from(node.childNodes)) {
        const inner: TBlock[] = [];
        walkBlocks(isElement(li) && li.tagName.toLowerCase() === "li" ? Array.from(li.childNodes) : [li], inner);
        if (inner.length) items.push({ type: "listItem", content: inner });
      }
      if (!items.length) continue;
      if (tag === "ul") out.push({ type: "bulletList", content: items });
      else {
        const start = Number(node.getAttribute("start"));
        out.push({ type: "orderedList", attrs: { start: Number.isInteger(start) && start > 0 ? start : 1 }, content: items });
      }
    } else if (BLOCK_CONTAINERS.has(tag)) {
      flush();
      walkBlocks(Array.from(node.childNodes), out);
    } else {
      collectInline(node, [], pending);
    }
  }
  flush();
}

/** Blocks of an HTML fragment (expected to be sanitized first). May be empty. */
export function htmlToBlocks(html: string): TBlock[] {
  const fragment = JSDOM.fragment(html);
  const out: TBlock[] = [];
  walkBlocks(Array.from(fragment.childNodes), out);
  return out;
}

/** Plain text: blank lines separate paragraphs, a single newline is a line break inside one. */
export function textToBlocks(text: string): TBlock[] {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .split(/\n[ \t]*\n/)
    .map((para) => para.replace(/^\n+|\n+$/g, ""))
    .filter((para) => para.trim())
    .map((para) => {
      const content: TInline[] = [];
      para.split("\n").forEach((line, i) => {
        if (i > 0) content.push({ type: "hardBreak" });
        if (line) content.push({ type: "text", text: line });
      });
      return { type: "paragraph", content: tidyPlain(content) };
    });
}

function tidyPlain(nodes: TInline[]): TInline[] {
  while (nodes.length && nodes[nodes.length - 1].type === "hardBreak") nodes.pop();
  while (nodes.length && nodes[0].type === "hardBreak") nodes.shift();
  return nodes;
}

export function docOf(blocks: TBlock[]): TArticleDoc {
  return { type: "doc", content: blocks };
}
