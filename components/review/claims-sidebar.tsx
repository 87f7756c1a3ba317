"use client";

import SourceList from "./source-list";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { VERDICT_INFO, VERDICTS, type TVerdict } from "@/lib/verdicts";

export type ClaimFilters = { verdict: TVerdict | ""; authorId: string; mine: boolean };

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

function ClaimCard({ claim, focused, onFocus, onEdit, children }: { claim: ClaimDto; focused: boolean; onFocus(): void; onEdit(): void; children?: React.ReactNode }) {
  const info = VERDICT_INFO[claim.verdict];
  return (
    <li>
      <article
        className={`claim-card${focused ? " is-focused" : ""}`}
        data-claim-id={claim.id}
        data-testid="claim-card"
        tabIndex={-1}
        aria-current={focused ? "true" : undefined}
      >
        <button type="button" className="card-main" onClick={onFocus} aria-expanded={focused}>
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
              <button type="button" onClick={onEdit}>Edit claim</button>
            )}{" "}
            <a href={`/review/claims/${claim.id}`}>Review, comments and history</a>
          </div>
        )}
        {children}
      </article>
    </li>
  );
}

export default function ClaimsSidebar({ claims, totalCount, authors, filters, focusedId, onFilters, onFocus, onEdit, onReattach }: Props) {
  const placed = claims.filter((c) => c.placement.status === "placed");
  const unplaced = claims.filter((c) => c.placement.status !== "placed");
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
      <p className="muted" aria-live="polite">
        {claims.length === totalCount ? `${totalCount} claim${totalCount === 1 ? "" : "s"}` : `Showing ${claims.length} of ${totalCount} claims`}
      </p>
      <ol className="claim-cards">
        {placed.map((c) => <ClaimCard key={c.id} claim={c} focused={c.id === focusedId} onFocus={() => onFocus(c.id)} onEdit={() => onEdit(c.id)} />)}
      </ol>
      {unplaced.length > 0 && (
        <section aria-label="Needs re-check" className="needs-recheck">
          <h3>Needs re-check</h3>
          <p className="muted">The article changed and these claims could not be placed with confidence. Their original words are shown.</p>
          <ol className="claim-cards">
            {unplaced.map((c) => (
              <ClaimCard key={c.id} claim={c} focused={c.id === focusedId} onFocus={() => onFocus(c.id)} onEdit={() => onEdit(c.id)}>
                {onReattach && (
                  <button type="button" className="link-button" onClick={() => onReattach(c.id)}>Re-attach to selected words</button>
                )}
              </ClaimCard>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
