import StarterKit from "@tiptap/starter-kit";
import { Caption } from "./caption";

/** Exactly the node and mark types lib/articles/document.ts accepts. */
export function articleExtensions() {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4] },
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: { openOnClick: false, autolink: false, linkOnPaste: false },
    }),
    Caption,
  ];
}
