// The article document: the Tiptap JSON we store, checked by zod, and its canonical plain text.
// Pure TypeScript, so the server, the seed and the anchoring engine agree on the text without
// importing Tiptap (components/editor/ checks that Tiptap's own textBetween gives the same string).
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { storableText } from "@/lib/validation/text";

/** Blocks are joined by a blank line; a hard break is a newline (same as textBetween(…, "\n\n", leafText)). */
export const BLOCK_SEPARATOR = "\n\n";

const ZMark = z.discriminatedUnion("type", [
  z.object({ type: z.literal("bold") }).strict(),
  z.object({ type: z.literal("italic") }).strict(),
  z
    .object({
      type: z.literal("link"),
      attrs: z
        .object({
          href: z.string().regex(/^(https?:|mailto:)/i, "Links must be http, https or mailto"),
          target: z.string().nullish(),
          rel: z.string().nullish(),
          class: z.string().nullish(),
        })
        .strict(),
    })
    .strict(),
]);

// NUL and half surrogate pairs cannot be stored in jsonb: refused with a reason (issue 12).
const ZText = z.object({ type: z.literal("text"), text: storableText("The article text").min(1), marks: z.array(ZMark).optional() }).strict();
const ZHardBreak = z.object({ type: z.literal("hardBreak") }).strict();
const ZInline = z.union([ZText, ZHardBreak]);
const inlineContent = z.array(ZInline).optional();

export type TText = z.infer<typeof ZText>;
export type TInline = z.infer<typeof ZInline>;

export type TBlock =
  | { type: "paragraph"; content?: TInline[] }
  | { type: "heading"; attrs: { level: 1 | 2 | 3 | 4 }; content?: TInline[] }
  | { type: "caption"; content?: TInline[] }
  | { type: "blockquote"; content: TBlock[] }
  | { type: "bulletList"; content: TListItem[] }
  | { type: "orderedList"; attrs?: { start?: number; type?: string | null }; content: TListItem[] };
export type TListItem = { type: "listItem"; content: TBlock[] };
export type TArticleDoc = { type: "doc"; content: TBlock[] };

const ZBlock: z.ZodType<TBlock> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("paragraph"), content: inlineContent }).strict(),
    z
      .object({
        type: z.literal("heading"),
        attrs: z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]) }).strict(),
        content: inlineContent,
      })
      .strict(),
    z.object({ type: z.literal("caption"), content: inlineContent }).strict(),
    z.object({ type: z.literal("blockquote"), content: z.array(ZBlock).min(1) }).strict(),
    z.object({ type: z.literal("bulletList"), content: z.array(ZListItem).min(1) }).strict(),
    z
      .object({
        type: z.literal("orderedList"),
        attrs: z.object({ start: z.number().int().optional(), type: z.string().nullish() }).strict().optional(),
        content: z.array(ZListItem).min(1),
      })
      .strict(),
  ]),
);
const ZListItem: z.ZodType<TListItem> = z.lazy(() =>
  z.object({ type: z.literal("listItem"), content: z.array(ZBlock).min(1) }).strict(),
);

/** The only document shape Factmark stores; anything else (unknown nodes or marks) is refused. */
export const ZArticleDoc: z.ZodType<TArticleDoc> = z.object({ type: z.literal("doc"), content: z.array(ZBlock).min(1) }).strict();

function inlineText(content: TInline[] | undefined): string {
  return (content ?? []).map((n) => (n.type === "text" ? n.text : "\n")).join("");
}

/** Each textblock's text, in document order (nested lists and quotes contribute only their textblocks). */
export function textblocks(doc: TArticleDoc): string[] {
  const out: string[] = [];
  const walk = (blocks: (TBlock | TListItem)[]) => {
    for (const b of blocks) {
      if (b.type === "paragraph" || b.type === "heading" || b.type === "caption") out.push(inlineText(b.content));
      else walk(b.content);
    }
  };
  walk(doc.content);
  return out;
}

/** The canonical plain text of a document: what W3C selectors and claim offsets refer to. */
export function plainText(doc: TArticleDoc): string {
  return textblocks(doc).join(BLOCK_SEPARATOR);
}

const text = (t: string): TInline[] => (t ? [{ type: "text", text: t }] : []);

export function paragraph(t: string): TBlock {
  return { type: "paragraph", content: text(t) };
}

/** A simple article document: headline, optional photo caption, then body paragraphs. */
export function buildArticleDoc(parts: { title: string; caption?: string | null; paragraphs: string[] }): TArticleDoc {
  const content: TBlock[] = [{ type: "heading", attrs: { level: 1 }, content: text(parts.title) }];
  if (parts.caption) content.push({ type: "caption", content: text(parts.caption) });
  for (const p of parts.paragraphs) content.push(paragraph(p));
  return { type: "doc", content };
}

/**
 * Bounds on a document before anything recursive (normalizeDoc, the zod schema, the renderers) walks
 * it (issue 12, item 4): 2,000 nested blockquotes overflowed the stack. A list level costs two nodes
 * (list, item), so 64 levels allow about 30 nested lists, far beyond what an article uses.
 */
export const MAX_DOC_DEPTH = 64;
export const MAX_DOC_NODES = 250_000;

export type DocShape = { depth: number; nodes: number };

/** Depth and node count of any JSON value read as a node tree (children under `content`), without recursion. */
export function measureDoc(raw: unknown): DocShape {
  const stack: { node: unknown; depth: number }[] = [{ node: raw, depth: 0 }];
  let nodes = 0;
  let depth = 0;
  while (stack.length) {
    const next = stack.pop()!;
    nodes++;
    if (next.depth > depth) depth = next.depth;
    const content = next.node && typeof next.node === "object" ? (next.node as { content?: unknown }).content : undefined;
    if (Array.isArray(content)) for (const child of content) stack.push({ node: child, depth: next.depth + 1 });
  }
  return { depth, nodes };
}

const count = (n: number) => n.toLocaleString("en-US");

/** Throws a 400 naming the limit when a document nests too deep or has too many nodes. */
export function checkDocShape(raw: unknown, what = "The document"): void {
  const { depth, nodes } = measureDoc(raw);
  if (depth > MAX_DOC_DEPTH) {
    throw new AppError("INVALID", `${what} nests blocks ${count(depth)} deep; Factmark accepts at most ${MAX_DOC_DEPTH} levels (a list level counts two).`, {
      doc: [`Blocks nest at most ${MAX_DOC_DEPTH} levels deep.`],
    });
  }
  if (nodes > MAX_DOC_NODES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `${what} has ${count(nodes)} blocks and pieces of text; Factmark accepts at most ${count(MAX_DOC_NODES)}.`, {
      doc: [`At most ${count(MAX_DOC_NODES)} blocks and pieces of text.`],
    });
  }
}
