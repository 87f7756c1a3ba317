"use client";

import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { enhanceMarks } from "@/lib/publishing/reader-marks";
import { claimAnchorId } from "@/lib/publishing/site";

/**
 * Makes the server-rendered marks interactive: click or Enter opens the evidence dialog (for every
 * check on those words), n/p jump between checks, Esc closes. Without JavaScript the same evidence
 * is in the page below the article; the dialog shows copies of those same evidence blocks, so the
 * page does not ship every check twice.
 */
export default function ReaderInteractions({ children }: { children: ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [count, setCount] = useState(0);

  const show = useCallback((mark: HTMLElement) => {
    const ids = (mark.dataset.claims ?? mark.dataset.claimId ?? "").split(" ").filter(Boolean);
    const blocks = ids
      .map((id) => document.getElementById(claimAnchorId(id))?.querySelector(".evidence"))
      .filter((b): b is Element => !!b)
      .map((b) => b.cloneNode(true));
    const content = contentRef.current;
    if (!blocks.length || !content) return;
    content.replaceChildren(...blocks);
    returnFocus.current = mark;
    setCount(blocks.length);
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    // The server sends plain marks (lib/publishing/reader-marks.ts): they become buttons here.
    enhanceMarks(root);
    const markOf = (t: EventTarget | null) => (t instanceof Element ? t.closest<HTMLElement>("mark[data-claim-id]") : null);
    const onClick = (e: MouseEvent) => {
      const mark = markOf(e.target);
      if (mark && !window.getSelection()?.toString()) show(mark);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      const mark = markOf(e.target);
      if (mark && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        show(mark);
      }
    };
    root.addEventListener("click", onClick);
    root.addEventListener("keydown", onKeyDown);
    return () => {
      root.removeEventListener("click", onClick);
      root.removeEventListener("keydown", onKeyDown);
    };
  }, [show]);

  // n / p move between checks in reading order, anywhere on the page except in a field or the dialog.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || dialogRef.current?.open) return;
      if ((e.target as HTMLElement | null)?.closest("input, textarea, select, [contenteditable='true']")) return;
      if (e.key !== "n" && e.key !== "p") return;
      const marks = [...(rootRef.current?.querySelectorAll<HTMLElement>('mark[data-first="true"]') ?? [])];
      if (!marks.length) return;
      e.preventDefault();
      const at = marks.indexOf(document.activeElement as HTMLElement);
      const next = at < 0 ? (e.key === "n" ? 0 : marks.length - 1) : (at + (e.key === "n" ? 1 : -1) + marks.length) % marks.length;
      marks[next].focus();
      marks[next].scrollIntoView({ block: "center", behavior: "smooth" });
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div ref={rootRef} className="reader-root">
      {children}
      <dialog
        ref={dialogRef}
        className="evidence-dialog"
        aria-label={count > 1 ? "Checks on these words" : "Fact check"}
        onClose={() => {
          contentRef.current?.replaceChildren();
          setCount(0);
          returnFocus.current?.focus();
        }}
        onClick={(e) => {
          // A click on the backdrop (the dialog element itself, outside its content) closes it.
          if (e.target === dialogRef.current) dialogRef.current.close();
        }}
      >
        <div className="dialog-content">
          <div ref={contentRef} className="dialog-evidence" />
          <form method="dialog">
            <button type="submit" autoFocus>Close</button>
          </form>
        </div>
      </dialog>
    </div>
  );
}
