"use client";

import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { forwardRef, useEffect, useImperativeHandle, useReducer, useRef } from "react";
import StaticDocument from "@/components/article/static-document";
import type { TArticleDoc } from "@/lib/articles/document";
import { articleExtensions } from "./extensions";
import { claimImpact, wordsUnderHighlights, type ClaimImpact } from "./claim-impact";
import { ClaimHighlights, claimHighlightsKey } from "./claim-highlights";
import { plainText, posToOffset } from "./offsets";

export type ArticleEditorHandle = {
  /** The document as Tiptap JSON (checked and tidied by the server before it is stored). */
  getDoc(): unknown;
  /** The current selection as plain-text offsets, or null when nothing is selected. */
  selection(): { start: number; end: number } | null;
  /** The canonical plain text of what is in the editor now (to tell unsaved edits apart). */
  text(): string | null;
  /** After a save: the words under the claims now are the new baseline; changed approved claims are no longer approved. */
  resetClaims(): void;
};

/** A claim on the text being edited: shown by verdict, as in the workspace (issue 17). */
export type EditorClaim = { id: string; start: number; end: number; verdict: string; approved: boolean };

type Props = {
  doc: TArticleDoc;
  label?: string;
  readOnly?: boolean;
  /** Claims to highlight while editing; their highlights follow the edits. */
  claims?: EditorClaim[];
  /** Called after each change to the text with how many claims' words it changed so far. */
  onImpact?: (impact: ClaimImpact) => void;
};

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
const ArticleEditor = forwardRef<ArticleEditorHandle, Props>(function ArticleEditor({ doc, label = "Article text", readOnly = false, claims, onImpact }, ref) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // The words under each claim when the page opened, and the callback of the latest render.
  const original = useRef(new Map<string, string>());
  const approvedIds = useRef(new Set((claims ?? []).filter((c) => c.approved).map((c) => c.id)));
  const impactCallback = useRef(onImpact);
  useEffect(() => {
    impactCallback.current = onImpact;
  }, [onImpact]);
  const editor = useEditor({
    extensions: claims ? [...articleExtensions(), ClaimHighlights] : articleExtensions(),
    content: doc,
    editable: !readOnly,
    immediatelyRender: false,
    editorProps: { attributes: { "aria-label": label, role: "textbox", "aria-multiline": "true", "data-testid": "article-editor-text", class: "article-editor-text" } },
    onCreate: ({ editor: e }) => {
      if (!claims?.length) return;
      e.view.dispatch(e.state.tr.setMeta(claimHighlightsKey, claims).setMeta("addToHistory", false));
      original.current = wordsUnderHighlights(e.state);
    },
    onTransaction: ({ editor: e, transaction }) => {
      rerender();
      if (transaction.docChanged && original.current.size) impactCallback.current?.(claimImpact(e.state, original.current, approvedIds.current));
    },
  });

  useImperativeHandle(ref, () => ({
    getDoc: () => editor?.getJSON() ?? doc,
    text: () => (editor ? plainText(editor.state.doc) : null),
    resetClaims: () => {
      if (!editor) return;
      const now = wordsUnderHighlights(editor.state);
      for (const [id, words] of original.current) if (now.get(id) !== words) approvedIds.current.delete(id);
      original.current = now;
    },
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
