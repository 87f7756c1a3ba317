"use client";

import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { PublishedClaimView } from "@/lib/publishing/published";
import Evidence from "./evidence";

/**
 * Makes the server-rendered marks interactive: click or Enter opens the evidence dialog (for every
 * check on those words), n/p jump between checks, Esc closes. Without JavaScript the same evidence
 * is in the page below the article.
 */
export default function ReaderInteractions({ claims, children }: { claims: PublishedClaimView[]; children: ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState<PublishedClaimView[]>([]);
  const byId = useRef(new Map(claims.map((c) => [c.id, c])));

  const show = useCallback((mark: HTMLElement) => {
    const ids = (mark.dataset.claims ?? mark.dataset.claimId ?? "").split(" ").filter(Boolean);
    const found = ids.map((id) => byId.current.get(id)).filter((c): c is PublishedClaimView => !!c);
    if (!found.length) return;
    returnFocus.current = mark;
    setOpen(found);
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
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
        aria-label={open.length > 1 ? "Checks on these words" : "Fact check"}
        onClose={() => {
          setOpen([]);
          returnFocus.current?.focus();
        }}
        onClick={(e) => {
          // A click on the backdrop (the dialog element itself, outside its content) closes it.
          if (e.target === dialogRef.current) dialogRef.current.close();
        }}
      >
        <div className="dialog-content">
          {open.map((c) => <Evidence key={c.id} claim={c} headingLevel={2} />)}
          <form method="dialog">
            <button type="submit" autoFocus>Close</button>
          </form>
        </div>
      </dialog>
    </div>
  );
}
