"use client";

import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { forwardRef, useImperativeHandle, useReducer } from "react";
import StaticDocument from "@/components/article/static-document";
import type { TArticleDoc } from "@/lib/articles/document";
import { articleExtensions } from "./extensions";
import { plainText, posToOffset } from "./offsets";

export type ArticleEditorHandle = {
  /** The document as Tiptap JSON (checked and tidied by the server before it is stored). */
  getDoc(): unknown;
  /** The current selection as plain-text offsets, or null when nothing is selected. */
  selection(): { start: number; end: number } | null;
  /** The canonical plain text of what is in the editor now (to tell unsaved edits apart). */
  text(): string | null;
};

type Props = { doc: TArticleDoc; label?: string; readOnly?: boolean };

type Tool = { label: string; run: (e: Editor) => void; active?: (e: Editor) => boolean };

// The same node and mark types lib/articles/document.ts accepts (extensions.ts), nothing more.
const TOOLS: Tool[] = [
  { label: "Bold", run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive("bold") },
  { label: "Italic", run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive("italic") },
  { label: "Heading", run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive("heading") },
  { label: "Bullet list", run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive("bulletList") },
  { label: "Numbered list", run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive("orderedList") },
  { label: "Quote", run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive("blockquote") },
  { label: "Undo", run: (e) => e.chain().focus().undo().run() },
  { label: "Redo", run: (e) => e.chain().focus().redo().run() },
];

/** Tiptap editing of an article (issue 7). The caller reads the document through the handle when saving. */
const ArticleEditor = forwardRef<ArticleEditorHandle, Props>(function ArticleEditor({ doc, label = "Article text", readOnly = false }, ref) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const editor = useEditor({
    extensions: articleExtensions(),
    content: doc,
    editable: !readOnly,
    immediatelyRender: false,
    editorProps: { attributes: { "aria-label": label, role: "textbox", "aria-multiline": "true", "data-testid": "article-editor-text", class: "article-editor-text" } },
    onTransaction: () => rerender(),
  });

  useImperativeHandle(ref, () => ({
    getDoc: () => editor?.getJSON() ?? doc,
    text: () => (editor ? plainText(editor.state.doc) : null),
    selection: () => {
      if (!editor) return null;
      const { from, to } = editor.state.selection;
      return from === to ? null : { start: posToOffset(editor.state.doc, from), end: posToOffset(editor.state.doc, to) };
    },
  }), [editor, doc]);

  return (
    <div className="article-editor" data-testid="article-editor" data-ready={editor ? "true" : "false"}>
      {!readOnly && (
        <div className="editor-toolbar" role="toolbar" aria-label="Formatting">
          {TOOLS.map((t) => (
            <button key={t.label} type="button" className="link-button" disabled={!editor} aria-pressed={t.active && editor ? t.active(editor) : undefined} onClick={() => editor && t.run(editor)}>
              {t.label}
            </button>
          ))}
        </div>
      )}
      <div className="article-body">{editor ? <EditorContent editor={editor} /> : <StaticDocument doc={doc} />}</div>
    </div>
  );
});

export default ArticleEditor;
