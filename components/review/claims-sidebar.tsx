"use client";

import { forwardRef, useCallback, useImperativeHandle, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import SourceList from "./source-list";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { VERDICT_INFO, VERDICTS, type TVerdict } from "@/lib/verdicts";
import "./claims-sidebar.css";

export type ClaimFilters = { verdict: TVerdict | ""; authorId: string; mine: boolean };

/**
 * Lists longer than this are virtualised (issue 17): 1,000 rendered cards cost about 0.9 s of
 * hydration. Shorter lists keep every card in the DOM, so the browser's find-in-page, and tests that
 * look a card up by its words, still see all of them; at this size rendering them costs little.
 */
export const VIRTUALISE_ABOVE = 100;

/** Rough height of a closed card (badge, two lines of quote, meta line, gap) until it is measured. */
const ESTIMATED_CARD_PX = 104;

export type ClaimsSidebarHandle = {
  /**
   * Brings a claim's card into the list's view, rendering it first if it is virtualised away, and
   * optionally moves keyboard focus to it. Returns false when the claim is not in the list.
   */
  reveal(id: string, opts?: { focusCard?: boolean }): boolean;
};

type Props = {
  claims: ClaimDto[];
  totalCount: number;
  authors: { id: string; name: string }[];
  filters: ClaimFilters;
  focusedId: string | null;
  onFilters(f: ClaimFilters): void;
  onFocus(id: string): void;
  onEdit(id: string): void;
  /** Given to editors: re-attach a Needs re-check claim to the words selected in the article. */
  onReattach?(id: string): void;
};

type CardProps = { claim: ClaimDto; focused: boolean; onFocus(id: string): void; onEdit(id: string): void; onReattach?(id: string): void };

function ClaimCard({ claim, focused, onFocus, onEdit, onReattach }: CardProps) {
  const info = VERDICT_INFO[claim.verdict];
  return (
    <article
      className={`claim-card${focused ? " is-focused" : ""}`}
      data-claim-id={claim.id}
      data-testid="claim-card"
      tabIndex={-1}
      aria-current={focused ? "true" : undefined}
    >
      <button type="button" className="card-main" onClick={() => onFocus(claim.id)} aria-expanded={focused}>
        <span className="verdict-badge" style={{ background: info.color }} data-verdict={claim.verdict}>{info.label}</span>
        <span className="card-quote">“{claim.quote}”</span>
        <span className="card-meta">{claim.author.name} · {claim.sources.length} source{claim.sources.length === 1 ? "" : "s"} · {claim.state.toLowerCase().replace("_", " ")}</span>
      </button>
      {focused && (
        <div className="card-details">
          {claim.explanation && <p>{claim.explanation}</p>}
          {claim.tags.length > 0 && <p className="muted">Tags: {claim.tags.join(", ")}</p>}
          {claim.sources.length > 0 && (
            <SourceList sources={claim.sources} />
          )}
          {claim.canEdit && (
            <button type="button" onClick={() => onEdit(claim.id)}>Edit claim</button>
          )}{" "}
          <a href={`/review/claims/${claim.id}`}>Review, comments and history</a>
        </div>
      )}
      {onReattach && (
        <button type="button" className="link-button" onClick={() => onReattach(claim.id)}>Re-attach to selected words</button>
      )}
    </article>
  );
}

type ListProps = { claims: ClaimDto[]; focusedId: string | null; onFocus(id: string): void; onEdit(id: string): void; onReattach?(id: string): void; label?: string };

/** Scrolls an already rendered card into its scroll box and focuses it (without a second scroll). */
function showCard(root: HTMLElement | null, id: string, focusCard: boolean): boolean {
  const card = root?.querySelector<HTMLElement>(`[data-claim-id="${CSS.escape(id)}"]`);
  if (!card) return false;
  card.scrollIntoView({ block: "nearest" });
  if (focusCard) card.querySelector<HTMLElement>(".card-main")?.focus({ preventScroll: true });
  return true;
}

const PlainCards = forwardRef<ClaimsSidebarHandle, ListProps>(function PlainCards({ claims, focusedId, onFocus, onEdit, onReattach, label }, ref) {
  const list = useRef<HTMLOListElement>(null);
  useImperativeHandle(ref, () => ({
    reveal: (id, opts) => claims.some((c) => c.id === id) && showCard(list.current, id, opts?.focusCard !== false),
  }), [claims]);
  return (
    <ol className="claim-cards" ref={list} aria-label={label}>
      {claims.map((c) => (
        <li key={c.id}>
          <ClaimCard claim={c} focused={c.id === focusedId} onFocus={onFocus} onEdit={onEdit} onReattach={onReattach} />
        </li>
      ))}
    </ol>
  );
});

/**
 * Only the cards in and near the scroll box are rendered (@tanstack/react-virtual, docs/decisions.md).
 * Each rendered card is measured, so a focused card that opens its details pushes the rest down.
 * Each item says its position in the whole list, for screen readers that only see the rendered part.
 */
const VirtualCards = forwardRef<ClaimsSidebarHandle, ListProps>(function VirtualCards({ claims, focusedId, onFocus, onEdit, onReattach, label }, ref) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not run the React Compiler; nothing memoises the virtualiser's functions
  const virtualizer = useVirtualizer({
    count: claims.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (i) => claims[i].id,
    overscan: 6,
    // The server and the hydrating client render the same first cards, before the box is measured.
    initialRect: { width: 400, height: 640 },
  });
  const pending = useRef(0);
  const reveal = useCallback(
    (id: string, opts?: { focusCard?: boolean }) => {
      const index = claims.findIndex((c) => c.id === id);
      if (index < 0) return false;
      const focusCard = opts?.focusCard !== false;
      if (showCard(scroller.current, id, focusCard) && isInside(scroller.current, id)) return true;
      // Not rendered (or rendered in the overscan, out of view): scroll the virtualiser to it, then
      // wait for React to render it; a few frames at most, as the size estimate is corrected.
      virtualizer.scrollToIndex(index, { align: "auto" });
      const ticket = ++pending.current;
      let frames = 0;
      const settle = () => {
        if (ticket !== pending.current) return;
        if (isInside(scroller.current, id) || ++frames > 10) {
          showCard(scroller.current, id, focusCard);
          return;
        }
        requestAnimationFrame(settle);
      };
      requestAnimationFrame(settle);
      return true;
    },
    [claims, virtualizer],
  );
  useImperativeHandle(ref, () => ({ reveal }), [reveal]);
  const items = virtualizer.getVirtualItems();
  return (
    <div className="claim-cards-scroll" ref={scroller} data-testid="claim-cards-scroll">
      <ol className="claim-cards is-virtual" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const c = claims[item.index];
          return (
            <li key={item.key} data-index={item.index} ref={virtualizer.measureElement} aria-setsize={claims.length} aria-posinset={item.index + 1} style={{ transform: `translateY(${item.start}px)` }}>
              <ClaimCard claim={c} focused={c.id === focusedId} onFocus={onFocus} onEdit={onEdit} onReattach={onReattach} />
            </li>
          );
        })}
      </ol>
    </div>
  );
});

/** Whether the card is rendered and wholly inside the scroll box's visible part. */
function isInside(box: HTMLElement | null, id: string): boolean {
  const card = box?.querySelector<HTMLElement>(`[data-claim-id="${CSS.escape(id)}"]`);
  if (!box || !card) return false;
  const b = box.getBoundingClientRect();
  const r = card.getBoundingClientRect();
  return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
}

const CardList = forwardRef<ClaimsSidebarHandle, ListProps>(function CardList(props, ref) {
  return props.claims.length > VIRTUALISE_ABOVE ? <VirtualCards ref={ref} {...props} /> : <PlainCards ref={ref} {...props} />;
});

const ClaimsSidebar = forwardRef<ClaimsSidebarHandle, Props>(function ClaimsSidebar({ claims, totalCount, authors, filters, focusedId, onFilters, onFocus, onEdit, onReattach }, ref) {
  const placed = claims.filter((c) => c.placement.status === "placed");
  const unplaced = claims.filter((c) => c.placement.status !== "placed");
  const placedList = useRef<ClaimsSidebarHandle>(null);
  const unplacedList = useRef<ClaimsSidebarHandle>(null);
  useImperativeHandle(ref, () => ({
    reveal: (id, opts) => (placedList.current?.reveal(id, opts) ?? false) || (unplacedList.current?.reveal(id, opts) ?? false),
  }), []);
  return (
    <section className="claims-sidebar" aria-label="Claims">
      <h2>Claims</h2>
      <div className="filters" role="group" aria-label="Filter claims">
        <label>
          <span>Verdict filter</span>
          <select value={filters.verdict} onChange={(e) => onFilters({ ...filters, verdict: e.target.value as TVerdict | "" })}>
            <option value="">All verdicts</option>
            {VERDICTS.map((v) => <option key={v} value={v}>{VERDICT_INFO[v].label}</option>)}
          </select>
        </label>
        <label>
          <span>Author filter</span>
          <select value={filters.authorId} onChange={(e) => onFilters({ ...filters, authorId: e.target.value })}>
            <option value="">Everyone</option>
            {authors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={filters.mine} onChange={(e) => onFilters({ ...filters, mine: e.target.checked })} /> Mine
        </label>
      </div>
      <p className="muted" aria-live="polite" data-testid="claim-count">
        {claims.length === totalCount ? `${totalCount} claim${totalCount === 1 ? "" : "s"}` : `Showing ${claims.length} of ${totalCount} claims`}
      </p>
      <CardList ref={placedList} claims={placed} focusedId={focusedId} onFocus={onFocus} onEdit={onEdit} />
      {unplaced.length > 0 && (
        <section aria-label="Needs re-check" className="needs-recheck">
          <h3>Needs re-check</h3>
          <p className="muted">The article changed and these claims could not be placed with confidence. Their original words are shown.</p>
          <CardList ref={unplacedList} claims={unplaced} focusedId={focusedId} onFocus={onFocus} onEdit={onEdit} onReattach={onReattach} />
        </section>
      )}
    </section>
  );
});

export default ClaimsSidebar;
