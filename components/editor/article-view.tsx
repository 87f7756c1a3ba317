"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import StaticDocument from "@/components/article/static-document";
import type { TArticleDoc } from "@/lib/articles/document";
import { articleExtensions } from "./extensions";

/**
 * The article as a read-only Tiptap view. Until the editor has mounted in the browser (and
 * without JavaScript at all), the same document is shown as server-rendered HTML.
 */
export default function ArticleView({ doc }: { doc: TArticleDoc }) {
  const editor = useEditor({
    extensions: articleExtensions(),
    content: doc,
    editable: false,
    // Tiptap cannot render on the server; StaticDocument covers the first paint.
    immediatelyRender: false,
  });
  return (
    <article className="article-body" data-testid="article-body" data-ready={editor ? "true" : "false"}>
      {editor ? <EditorContent editor={editor} /> : <StaticDocument doc={doc} />}
    </article>
  );
}
