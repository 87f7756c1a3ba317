import { readFileSync } from "node:fs";
import { getSchema } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { buildArticleDoc, plainText as jsonPlainText, type TArticleDoc } from "@/lib/articles/document";
import { parseSeedArticle } from "@/lib/articles/seed-article";
import { articleExtensions } from "./extensions";
import { offsetToPos, plainText, posToOffset } from "./offsets";

const schema = getSchema(articleExtensions());
const seedDoc = buildArticleDoc(parseSeedArticle(readFileSync("prisma/seed-data/al-qaryatain.txt", "utf8")));
const richDoc: TArticleDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Head" }] },
    { type: "caption", content: [{ type: "text", text: "Cap" }] },
    { type: "paragraph", content: [{ type: "text", text: "Bold", marks: [{ type: "bold" }] }, { type: "hardBreak" }, { type: "text", text: "next" }] },
    { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "item" }] }] }] },
  ],
};

describe("the editor's plain text is the stored canonical text", () => {
  it.each([
    ["the seed article", seedDoc],
    ["a document with marks, a caption, a hard break and a list", richDoc],
  ])("%s", (_name, doc) => {
    const pm = PMNode.fromJSON(schema, doc);
    expect(plainText(pm)).toBe(jsonPlainText(doc));
  });

  it("maps every text offset to a position and back", () => {
    const pm = PMNode.fromJSON(schema, richDoc);
    const text = plainText(pm);
    for (let offset = 0; offset <= text.length; offset++) {
      // Offsets inside a block separator snap to the next block's start.
      const back = posToOffset(pm, offsetToPos(pm, offset));
      if (text[offset - 1] === "\n" && text[offset] === "\n") continue;
      expect(back).toBe(offset);
    }
  });
});

describe("createOffsetMapper", () => {
  it("agrees with offsetToPos on every offset of the seed article and a rich document", async () => {
    const { createOffsetMapper } = await import("./offset-mapper");
    for (const json of [seedDoc, richDoc]) {
      const pm = PMNode.fromJSON(schema, json);
      const mapper = createOffsetMapper(pm);
      const length = plainText(pm).length;
      for (let offset = 0; offset <= length; offset++) expect(mapper.toPos(offset)).toBe(offsetToPos(pm, offset));
    }
  });
});
