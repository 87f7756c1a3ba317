// The embed's drawing and its own UI (issue 14). Highlights are CSS Custom Highlight API ranges: the
// page's DOM and text are not touched (docs/decisions.md, issue 14). What the keyboard and screen readers
// need lives in one shadow root inserted at the top of the article root: a focusable, named button laid
// over each highlight's first line, the evidence popover, and a corner summary.
import { STANCE_LABELS, VERDICT_INFO, VERDICTS, type TVerdict } from "../../verdicts";
import type { EmbedCheck, EmbedPayload } from "../payload";
import { ACTIVE_HIGHLIGHT, highlightCss, highlightName, shadowCss, type Theme } from "./styles";

export type Placed = { check: EmbedCheck; range: Range; start: number };

type Parts = { tag: string; cls?: string; text?: string; attrs?: Record<string, string> };

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, parts: Omit<Parts, "tag"> = {}): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (parts.cls) e.className = parts.cls;
  if (parts.text !== undefined) e.textContent = parts.text;
  for (const [k, v] of Object.entries(parts.attrs ?? {})) e.setAttribute(k, v);
  return e;
}

function sheet(css: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}

const isWebUrl = (u: string) => /^https?:\/\//i.test(u);
const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const day = (iso: string) => iso.slice(0, 10);

/** The first line box of a range, in viewport coordinates, or null when it is not laid out. */
function firstLine(range: Range): DOMRect | null {
  const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
  if (rects.length === 0) return null;
  const top = rects[0].top;
  const line = rects.filter((r) => Math.abs(r.top - top) < rects[0].height / 2);
  const left = Math.min(...line.map((r) => r.left));
  const right = Math.max(...line.map((r) => r.right));
  const bottom = Math.max(...line.map((r) => r.bottom));
  return new DOMRect(left, top, right - left, bottom - top);
}

const highlightSheets = new WeakMap<Document, CSSStyleSheet>();

export type Ui = { layout(): void; marks: HTMLButtonElement[]; open(index: number): void; close(): void; destroy(): void };

export function mountUi(root: Element, host: HTMLElement, placed: Placed[], payload: EmbedPayload, notPlaced: number, theme: Theme, reducedMotion: boolean): Ui {
  const doc = root.ownerDocument;
  const win = doc.defaultView!;
  const shadow = host.attachShadow({ mode: "open" });
  shadow.adoptedStyleSheets = [sheet(shadowCss(theme))];
  // The widget speaks English whatever the page's language; quoted words keep their own direction.
  const ui = el(doc, "div", { cls: "ui", attrs: { lang: "en", dir: "ltr" } });
  shadow.append(ui);

  // 1. Highlights, one per verdict, plus the one being looked at.
  const supportsHighlights = typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
  if (supportsHighlights) {
    // One ::highlight() sheet per page, replaced (not added again) when the embed draws again.
    const previous = highlightSheets.get(doc);
    const next = sheet(highlightCss(theme));
    highlightSheets.set(doc, next);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets.filter((s) => s !== previous), next];
    for (const v of VERDICTS) {
      const ranges = placed.filter((p) => p.check.verdict === v).map((p) => p.range);
      if (ranges.length) CSS.highlights.set(highlightName(v), new Highlight(...ranges));
    }
  } else {
    // Without the API (older browsers) the marks themselves are painted, translucent, over the words.
    ui.classList.add("paint");
  }
  const setActive = (range: Range | null) => {
    if (!supportsHighlights) return;
    if (range) CSS.highlights.set(ACTIVE_HIGHLIGHT, new Highlight(range));
    else CSS.highlights.delete(ACTIVE_HIGHLIGHT);
  };

  // 2. Summary: a corner button (no layout shift in the page's text) and its panel.
  const counts = VERDICTS.map((v) => ({ v, n: placed.filter((p) => p.check.verdict === v).length })).filter((c) => c.n > 0);
  const toggle = el(doc, "button", { cls: "toggle", attrs: { type: "button", "aria-expanded": "false", "aria-controls": "fm-summary" } });
  toggle.textContent = `Fact checks: ${placed.length}`;
  const panel = el(doc, "div", { cls: "panel", attrs: { id: "fm-summary", role: "region", "aria-labelledby": "fm-summary-title", tabindex: "-1" } });
  panel.hidden = true;
  panel.append(el(doc, "h2", { text: "Fact checks on this article", attrs: { id: "fm-summary-title" } }));
  const list = el(doc, "ul");
  for (const c of counts) list.append(el(doc, "li", { text: `${VERDICT_INFO[c.v].label}: ${c.n}` }));
  if (counts.length) panel.append(list);
  else panel.append(el(doc, "p", { text: "No check could be placed on this page." }));
  if (notPlaced > 0) {
    panel.append(el(doc, "p", { cls: "not-placed", text: `${notPlaced} ${notPlaced === 1 ? "check" : "checks"} could not be placed on this version of the page.` }));
  }
  const more = el(doc, "a", { text: "Read every check on Factmark", attrs: { href: payload.article.url, rel: "noopener" } });
  const moreLine = el(doc, "p");
  moreLine.append(more);
  panel.append(moreLine);
  panel.append(el(doc, "p", { cls: "muted", text: "Tab to a highlighted passage, or press n and p to move between checks; Enter shows the evidence, Esc closes it." }));
  toggle.addEventListener("click", () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  });
  ui.append(toggle, panel);

  // 3. One focusable, named button over each highlight, in document order.
  const marks = placed.map((p, i) => {
    const info = VERDICT_INFO[p.check.verdict];
    const b = el(doc, "button", {
      cls: "mark",
      attrs: { type: "button", "aria-haspopup": "dialog", "aria-expanded": "false", "aria-label": `${info.label}: “${shorten(p.check.quote, 120)}”`, "data-check": p.check.id, "data-verdict": p.check.verdict },
    });
    b.style.setProperty("--tint", info.tint);
    b.addEventListener("click", () => open(i));
    return b;
  });
  ui.append(...marks);

  // 4. The evidence popover.
  const popover = el(doc, "div", { cls: "popover", attrs: { role: "dialog", "aria-labelledby": "fm-pop-title", tabindex: "-1" } });
  popover.hidden = true;
  ui.append(popover);
  let current = -1;

  const fill = (check: EmbedCheck) => {
    const info = VERDICT_INFO[check.verdict as TVerdict];
    popover.replaceChildren();
    const head = el(doc, "div", { cls: "head" });
    const title = el(doc, "h2", { attrs: { id: "fm-pop-title" } });
    title.append(el(doc, "span", { cls: `badge ${highlightName(check.verdict)}`, text: info.label }));
    const close = el(doc, "button", { cls: "close", text: "×", attrs: { type: "button", "aria-label": "Close" } });
    close.addEventListener("click", () => closePopover(true));
    head.append(title, close);
    popover.append(head, el(doc, "p", { cls: "quote", text: `“${check.quote}”`, attrs: { dir: "auto" } }), el(doc, "p", { text: check.explanation }));
    if (check.sources.length) {
      popover.append(el(doc, "p", { cls: "muted", text: "Sources" }));
      const ul = el(doc, "ul");
      for (const s of check.sources) {
        const li = el(doc, "li");
        const name = s.title || s.url;
        if (isWebUrl(s.url)) li.append(el(doc, "a", { text: name, attrs: { href: s.url, rel: "noopener noreferrer nofollow", target: "_blank" } }));
        else li.append(name);
        li.append(` (${[s.publisher, STANCE_LABELS[s.stance]].filter(Boolean).join(", ")})`);
        ul.append(li);
      }
      popover.append(ul);
    }
    const who = check.checkedBy === check.approvedBy ? `Checked and approved by ${check.checkedBy}` : `Checked by ${check.checkedBy}, approved by ${check.approvedBy}`;
    popover.append(el(doc, "p", { cls: "muted", text: `${who} on ${day(check.approvedAt)}.` }));
    if (check.changedSince) popover.append(el(doc, "p", { cls: "muted", text: `Factmark's copy of the article changed here on ${day(check.changedSince)}, after this check.` }));
    const link = el(doc, "a", { text: "This check on Factmark", attrs: { href: `${payload.article.url}#claim-${encodeURIComponent(check.id)}`, rel: "noopener" } });
    const linkLine = el(doc, "p");
    linkLine.append(link);
    popover.append(linkLine);
  };

  const hostBox = () => host.getBoundingClientRect();

  function layout() {
    // All reads first, then all writes: interleaved, each read would lay the whole page out again.
    const origin = hostBox();
    const boxes = placed.map((p) => firstLine(p.range));
    boxes.forEach((r, i) => {
      const m = marks[i];
      m.hidden = !r;
      if (!r) return;
      m.style.left = `${r.left - origin.left}px`;
      m.style.top = `${r.top - origin.top}px`;
      m.style.width = `${r.width}px`;
      m.style.height = `${r.height}px`;
    });
    if (current >= 0) placePopover(current);
  }

  function placePopover(i: number) {
    const origin = hostBox();
    const r = firstLine(placed[i].range) ?? marks[i].getBoundingClientRect();
    const width = Math.min(416, win.innerWidth - 24);
    const left = Math.max(12, Math.min(r.left, win.innerWidth - width - 12));
    popover.style.left = `${left - origin.left}px`;
    popover.style.top = `${r.bottom + 8 - origin.top}px`;
  }

  function open(i: number) {
    if (current >= 0) {
      marks[current].classList.remove("open");
      marks[current].setAttribute("aria-expanded", "false");
    }
    current = i;
    fill(placed[i].check);
    popover.hidden = false;
    marks[i].classList.add("open");
    marks[i].setAttribute("aria-expanded", "true");
    setActive(placed[i].range);
    placePopover(i);
    popover.focus({ preventScroll: true });
    const box = popover.getBoundingClientRect();
    if (box.bottom > win.innerHeight || box.top < 0) popover.scrollIntoView({ block: "nearest", behavior: reducedMotion ? "auto" : "smooth" });
  }

  function closePopover(returnFocus: boolean) {
    if (current < 0) return;
    const i = current;
    current = -1;
    popover.hidden = true;
    marks[i].classList.remove("open");
    marks[i].setAttribute("aria-expanded", "false");
    setActive(null);
    if (returnFocus) marks[i].focus();
  }

  function move(from: number, step: number) {
    const to = from < 0 ? (step > 0 ? 0 : marks.length - 1) : from + step;
    if (to < 0 || to >= marks.length) return;
    closePopover(false);
    marks[to].focus();
    setActive(placed[to].range);
  }

  // n/p, Enter and Esc are handled inside the widget only: typing elsewhere on the page is never taken.
  shadow.addEventListener("keydown", (e) => {
    const ev = e as KeyboardEvent;
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const active = shadow.activeElement;
    const at = marks.indexOf(active as HTMLButtonElement);
    if (ev.key === "Escape") {
      if (current >= 0) {
        ev.preventDefault();
        closePopover(true);
      } else if (!panel.hidden) {
        panel.hidden = true;
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
      return;
    }
    if (ev.key !== "n" && ev.key !== "p") return;
    const from = at >= 0 ? at : current;
    if (from < 0 && active !== toggle && !panel.contains(active)) return;
    ev.preventDefault();
    move(from, ev.key === "n" ? 1 : -1);
  });
  shadow.addEventListener("focusin", (e) => {
    const at = marks.indexOf(e.target as HTMLButtonElement);
    if (at >= 0 && current < 0) setActive(placed[at].range);
  });
  shadow.addEventListener("focusout", (e) => {
    const at = marks.indexOf(e.target as HTMLButtonElement);
    if (at >= 0 && current < 0) setActive(null);
  });

  // A click on highlighted words opens their check; the page's own links and selections are left alone.
  const onClick = (e: MouseEvent) => {
    if (e.composedPath().includes(host)) return;
    if (current >= 0) closePopover(false);
    if ((e.target as Element | null)?.closest?.("a, button, input, select, textarea, label")) return;
    const sel = win.getSelection();
    if (sel && !sel.isCollapsed) return;
    const point = caretAt(doc, e.clientX, e.clientY);
    if (!point) return;
    const i = placed.findIndex((p) => p.range.isPointInRange(point.node, point.offset));
    if (i >= 0) open(i);
  };
  doc.addEventListener("click", onClick);

  let frame = 0;
  const relayout = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(layout);
  };
  const observer = typeof ResizeObserver === "function" ? new ResizeObserver(relayout) : null;
  observer?.observe(root);
  win.addEventListener("resize", relayout);
  layout();

  return {
    layout,
    marks,
    open,
    close: () => closePopover(true),
    destroy() {
      doc.removeEventListener("click", onClick);
      win.removeEventListener("resize", relayout);
      observer?.disconnect();
      for (const v of VERDICTS) CSS.highlights?.delete(highlightName(v));
      CSS.highlights?.delete(ACTIVE_HIGHLIGHT);
      host.remove();
    },
  };
}

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null; caretRangeFromPoint?: (x: number, y: number) => Range | null };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
