import { Node } from "@tiptap/core";

/** A photo caption: a textblock of its own, so headline, caption and body stay distinct. */
export const Caption = Node.create({
  name: "caption",
  group: "block",
  content: "inline*",
  defining: true,
  parseHTML() {
    return [{ tag: "p.article-caption" }];
  },
  renderHTML() {
    return ["p", { class: "article-caption" }, 0];
  },
});
