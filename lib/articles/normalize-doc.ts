import type { TArticleDoc, TBlock, TInline, TListItem } from "./document";

/**
 * Tidies a document before it is validated and stored (issue 7): drops empty textblocks, lists and
 * quotes (an editor's trailing empty paragraph would otherwise add a blank line to the plain text),
 * marks on hard breaks (Tiptap keeps them; the schema does not), and empty text nodes. It only ever
 * removes things; ZArticleDoc still checks the result strictly.
 */
export function normalizeDoc(doc: TArticleDoc): TArticleDoc {
  return { type: "doc", content: normalizeBlocks(doc.content ?? []) };
}

function normalizeInline(content: TInline[] | undefined): TInline[] {
  const out: TInline[] = [];
  for (const n of content ?? []) {
    if (n.type === "hardBreak") out.push({ type: "hardBreak" });
    else if (n.type === "text" && n.text) out.push(n.marks?.length ? { type: "text", text: n.text, marks: n.marks } : { type: "text", text: n.text });
    else out.push(n);
  }
  return out;
}

const hasText = (content: TInline[]) => content.some((n) => n.type === "text" && n.text.trim());

function normalizeBlocks(blocks: TBlock[]): TBlock[] {
  const out: TBlock[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "paragraph":
      case "caption": {
        const content = normalizeInline(b.content);
        if (hasText(content)) out.push({ type: b.type, content });
        break;
      }
      case "heading": {
        const content = normalizeInline(b.content);
        if (hasText(content)) out.push({ type: "heading", attrs: { level: b.attrs?.level ?? 2 }, content });
        break;
      }
      case "blockquote": {
        const content = normalizeBlocks(b.content ?? []);
        if (content.length) out.push({ type: "blockquote", content });
        break;
      }
      case "bulletList":
      case "orderedList": {
        const items: TListItem[] = [];
        for (const li of b.content ?? []) {
          const content = normalizeBlocks(li.content ?? []);
          if (content.length) items.push({ type: "listItem", content });
        }
        if (!items.length) break;
        if (b.type === "bulletList") out.push({ type: "bulletList", content: items });
        else out.push({ type: "orderedList", attrs: { start: b.attrs?.start ?? 1 }, content: items });
        break;
      }
      default:
        // Unknown node types are kept so that the strict schema refuses them with a clear message.
        out.push(b);
    }
  }
  return out;
}
