import { describe, expect, it } from "vitest";
import { plainText, ZArticleDoc } from "@/lib/articles/document";
import { normalizeDoc } from "@/lib/articles/normalize-doc";
import { AppError } from "@/lib/errors";
import { checkImportText, MAX_IMPORT_BYTES } from "./limits";
import { prepareImport, withHeadline } from "./prepare-import";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return "OK";
  } catch (e) {
    return e instanceof AppError ? e.code : "THROWN";
  }
};

describe("import limits", () => {
  it.each([
    ["empty", "", "INVALID"],
    ["only whitespace", " \n\t ", "INVALID"],
    ["one byte over 2 MB", "a".repeat(MAX_IMPORT_BYTES + 1), "PAYLOAD_TOO_LARGE"],
    ["exactly 2 MB", "a".repeat(MAX_IMPORT_BYTES), "OK"],
    ["2 MB of multi-byte text counted in bytes", "é".repeat(MAX_IMPORT_BYTES / 2 + 1), "PAYLOAD_TOO_LARGE"],
    ["a NUL byte", "text\u0000more", "INVALID"],
    ["a PNG read as text", "\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR", "INVALID"],
    ["ordinary text with a form feed", `${"Words and more words. ".repeat(50)}\f`, "OK"],
  ])("%s → %s", (_name, text, code) => {
    expect(codeOf(() => checkImportText(text))).toBe(code);
  });
});

describe("prepareImport", () => {
  it("plain text: blank lines separate paragraphs, single newlines are line breaks", () => {
    const p = prepareImport("text", "First line\nsecond line\n\n\nNext paragraph.\r\n\r\nLast.");
    expect(p.plainText).toBe("First line\nsecond line\n\nNext paragraph.\n\nLast.");
    expect(p.words).toBe(7);
  });

  it("markdown: headings, emphasis, lists and links; raw HTML in it is cleaned", () => {
    const p = prepareImport("markdown", "# Title\n\nSome *it* and **bold**, [a](https://x.example) <script>alert(1)</script>[b](javascript:alert(1)).\n\n> quote\n\n1. one\n2. two");
    expect(p.metadata.title).toBe("Title");
    expect(p.plainText).toBe("Title\n\nSome it and bold, a b.\n\nquote\n\none\n\ntwo");
    expect(JSON.stringify(p.doc)).not.toMatch(/javascript|script/);
  });

  it("HTML whose text is all markup is refused", () => {
    expect(codeOf(() => prepareImport("html", "<script>x</script><style>y</style>"))).toBe("INVALID");
  });

  it("the title becomes the headline once", () => {
    const { doc } = prepareImport("text", "Body text.");
    expect(plainText(withHeadline(doc, "Head"))).toBe("Head\n\nBody text.");
    expect(plainText(withHeadline(withHeadline(doc, "Head"), "Head"))).toBe("Head\n\nBody text.");
    expect(plainText(withHeadline(withHeadline(doc, "Head"), "New head"))).toBe("New head\n\nBody text.");
  });
});

describe("editor documents", () => {
  it("zod refuses unknown Tiptap nodes and marks, even after normalizing", () => {
    const bad = [
      { type: "doc", content: [{ type: "codeBlock", content: [{ type: "text", text: "x" }] }] },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "image", attrs: { src: "x" } }] }] },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "strike" }] }] }] },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] },
    ];
    for (const doc of bad) {
      // @ts-expect-error: deliberately outside the schema
      expect(ZArticleDoc.safeParse(normalizeDoc(doc)).success, JSON.stringify(doc)).toBe(false);
      expect(ZArticleDoc.safeParse(doc).success).toBe(false);
    }
    expect(ZArticleDoc.safeParse({ type: "doc", content: [{ type: "paragraph", attrs: { style: "x" }, content: [{ type: "text", text: "x" }] }] }).success).toBe(false);
  });

  it("normalizing drops empty blocks and marks on hard breaks", () => {
    const doc = normalizeDoc({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "a" }, { type: "hardBreak", marks: [{ type: "bold" }] } as never, { type: "text", text: "b" }] },
        { type: "paragraph" },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph" }] }] },
      ],
    });
    expect(ZArticleDoc.parse(doc)).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a" }, { type: "hardBreak" }, { type: "text", text: "b" }] }] });
  });
});
