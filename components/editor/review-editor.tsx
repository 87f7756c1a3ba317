"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import StaticDocument from "@/components/article/static-document";
import type { TArticleDoc } from "@/lib/articles/document";
import { ClaimHighlights, claimHighlightsKey, RefuseEdits, type Highlight } from "./claim-highlights";
import { articleExtensions } from "./extensions";
import { offsetToPos, posToOffset } from "./offsets";

export type TextSelection = { start: number; end: number };

export type ReviewEditorHandle = {
  /** Scrolls the claim's highlight into view. */
  scrollToClaim(id: string): void;
  /** The current selection as plain-text offsets, or null when nothing is selected. */
  selection(): TextSelection | null;
  focus(): void;
  /** Selects the words between two plain-text offsets and scrolls them into view (a suggested claim). */
  selectRange(start: number, end: number): void;
};

type Props = {
  doc: TArticleDoc;
  highlights: Highlight[];
  onSelectionChange(selection: TextSelection | null): void;
  /** Offsets of a click, with the claims under it resolved by the caller. */
  onClickOffset(offset: number): void;
  onKey(key: "a" | "j" | "k" | "Escape"): void;
};

const COMMAND_KEYS = new Set(["a", "j", "k", "Escape"]);

/**
 * The article in the reviewer workspace: read-only text with a caret, selectable with the mouse
 * or shift+arrows, with saved claims drawn as decorations. Selections leave as plain-text offsets.
 */
const ReviewEditor = forwardRef<ReviewEditorHandle, Props>(function ReviewEditor({ doc, highlights, onSelectionChange, onClickOffset, onKey }, ref) {
  // Callbacks change every render; the editor is created once and reads the latest through refs.
  const callbacks = useRef({ onSelectionChange, onClickOffset, onKey });
  useEffect(() => {
    callbacks.current = { onSelectionChange, onClickOffset, onKey };
  });

  const editor = useEditor({
    extensions: [...articleExtensions(), ClaimHighlights, RefuseEdits],
    content: doc,
    editable: true,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        "aria-label": "Article text. Select words with shift and the arrow keys, then press a to add a claim.",
        "aria-readonly": "true",
        role: "textbox",
        "aria-multiline": "true",
        inputmode: "none",
        spellcheck: "false",
        "data-testid": "review-text",
      },
      handleKeyDown(_view, event) {
        if (event.ctrlKey || event.metaKey || event.altKey) return false;
        if (COMMAND_KEYS.has(event.key)) {
          callbacks.current.onKey(event.key as "a" | "j" | "k" | "Escape");
          return true;
        }
        // Keys that would edit the text do nothing; navigation keys keep working.
        return event.key === "Enter" || event.key === "Backspace" || event.key === "Delete" || event.key.length === 1;
      },
      handleClick(view, pos) {
        callbacks.current.onClickOffset(posToOffset(view.state.doc, pos));
        return false;
      },
    },
    onSelectionUpdate({ editor: e }) {
      const { from, to } = e.state.selection;
      callbacks.current.onSelectionChange(from === to ? null : { start: posToOffset(e.state.doc, from), end: posToOffset(e.state.doc, to) });
    },
  });

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(claimHighlightsKey, highlights).setMeta("addToHistory", false));
  }, [editor, highlights]);

  useImperativeHandle(
    ref,
    () => ({
      scrollToClaim(id: string) {
        const el = editor?.view.dom.querySelector(`[data-claim-id="${CSS.escape(id)}"]`);
        el?.scrollIntoView({ block: "center", behavior: "smooth" });
      },
      selection() {
        if (!editor) return null;
        let { from, to } = editor.state.selection;
        // ProseMirror follows the DOM selection only while it has focus; a selection made while
        // focus was elsewhere is read from the DOM directly.
        const dom = window.getSelection();
        if (from === to && dom && !dom.isCollapsed && dom.anchorNode && dom.focusNode && editor.view.dom.contains(dom.anchorNode) && editor.view.dom.contains(dom.focusNode)) {
          const a = editor.view.posAtDOM(dom.anchorNode, dom.anchorOffset);
          const b = editor.view.posAtDOM(dom.focusNode, dom.focusOffset);
          from = Math.min(a, b);
          to = Math.max(a, b);
        }
        if (from === to) return null;
        return { start: posToOffset(editor.state.doc, from), end: posToOffset(editor.state.doc, to) };
      },
      focus() {
        editor?.commands.focus();
      },
      selectRange(start: number, end: number) {
        if (!editor) return;
        const doc = editor.state.doc;
        editor.chain().focus().setTextSelection({ from: offsetToPos(doc, start), to: offsetToPos(doc, end) }).scrollIntoView().run();
      },
    }),
    [editor],
  );

  return (
    <div className="article-body review-text" data-ready={editor ? "true" : "false"} data-testid="article-body">
      {editor ? <EditorContent editor={editor} /> : <StaticDocument doc={doc} />}
    </div>
  );
});

export default ReviewEditor;
