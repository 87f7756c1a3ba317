import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { BLOCK_SEPARATOR, plainText, type TArticleDoc } from "./document";
import { documentHtml } from "./document-html";

const doc: TArticleDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Title <script>alert(1)</script>" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Bold & brave", marks: [{ type: "bold" }] },
        { type: "text", text: " then a " },
        { type: "text", text: "link", marks: [{ type: "link", attrs: { href: 'https://example.org/?a=1&b="2"' } }] },
        { type: "hardBreak" },
        { type: "text", text: "after the break." },
      ],
    },
    { type: "caption", content: [{ type: "text", text: "A caption" }] },
    { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Three" }] }] }] },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Quoted" }] }] },
    { type: "paragraph" },
  ],
};

const parse = (html: string) => JSDOM.fragment(`<div>${html}</div>`).firstElementChild!;

const textOf = (n: Node): string => (n.nodeName === "BR" ? "\n" : n.nodeType === 3 ? (n.textContent ?? "") : [...n.childNodes].map(textOf).join(""));

/** The text of each textblock as a browser sees it, joined as the canonical plain text is. */
function renderedText(root: Element): string {
  return [...root.querySelectorAll("h1, h2, h3, h4, p")].map(textOf).join(BLOCK_SEPARATOR);
}

describe("documentHtml", () => {
  it("renders the elements Tiptap renders, with exactly the canonical text", () => {
    const root = parse(documentHtml(doc));
    expect(root.querySelector("h2")?.textContent).toBe("Title <script>alert(1)</script>");
    expect(root.querySelector("script")).toBeNull();
    expect(root.querySelector("p strong")?.textContent).toBe("Bold & brave");
    expect(root.querySelector("a")?.getAttribute("href")).toBe('https://example.org/?a=1&b="2"');
    expect(root.querySelector("a")?.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(root.querySelector("p.article-caption")?.textContent).toBe("A caption");
    expect(root.querySelector("ol")?.getAttribute("start")).toBe("3");
    expect(root.querySelector("blockquote p")?.textContent).toBe("Quoted");
    expect(renderedText(root)).toBe(plainText(doc));
  });

  it("hands every highlighted piece to wrap with its offsets in the canonical text", () => {
    const text = plainText(doc);
    const highlights = [
      { id: "outer", start: text.indexOf("brave"), end: text.indexOf("after") + 5 },
      { id: "inner", start: text.indexOf("link"), end: text.indexOf("link") + 4 },
    ];
    const pieces: { covering: string[]; start: number; end: number; text: string }[] = [];
    const html = documentHtml(doc, {
      highlights,
      wrap(covering, inner, piece) {
        pieces.push({ covering, ...piece });
        return `<mark data-ids="${covering.join(" ")}">${inner}</mark>`;
      },
    });
    for (const p of pieces) expect(p.text).toBe(text.slice(p.start, p.end));
    expect(pieces.map((p) => p.text).join("")).toBe(text.slice(highlights[0].start, highlights[0].end));
    expect(pieces.find((p) => p.text === "link")?.covering).toEqual(["outer", "inner"]);
    const root = parse(html);
    expect(root.querySelector('mark[data-ids="outer inner"] a')?.textContent).toBe("link");
    expect(renderedText(root)).toBe(text);
  });
});
