import { describe, expect, it } from "vitest";
import { plainText, ZArticleDoc } from "./document";

const doc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Title" }] },
    { type: "paragraph", content: [{ type: "text", text: "Bold", marks: [{ type: "bold" }] }, { type: "text", text: " then" }, { type: "hardBreak" }, { type: "text", text: "a break." }] },
    { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "One" }] }] }, { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Two" }] }] }] },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Quoted" }] }] },
    { type: "paragraph" },
  ],
};

describe("ZArticleDoc", () => {
  it("accepts the allowed nodes and marks", () => {
    expect(ZArticleDoc.safeParse(doc).success).toBe(true);
  });

  it.each([
    ["an unknown node", { type: "doc", content: [{ type: "iframe", attrs: { src: "https://evil.example" } }] }],
    ["an unknown mark", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "highlight" }] }] }] }],
    ["a javascript: link", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] }],
    ["an extra attribute", { type: "doc", content: [{ type: "paragraph", attrs: { onclick: "x" } }] }],
    ["an empty document", { type: "doc", content: [] }],
    ["a heading level 7", { type: "doc", content: [{ type: "heading", attrs: { level: 7 } }] }],
  ])("refuses %s", (_name, bad) => {
    expect(ZArticleDoc.safeParse(bad).success).toBe(false);
  });
});

describe("plainText", () => {
  it("joins textblocks with a blank line and renders a hard break as a newline", () => {
    expect(plainText(ZArticleDoc.parse(doc))).toBe("Title\n\nBold then\na break.\n\nOne\n\nTwo\n\nQuoted\n\n");
  });
});
