"use client";

import type { SuggestionDto } from "@/lib/intelligence/workspace-intelligence";

type Props = {
  suggestions: SuggestionDto[];
  onSelect(s: SuggestionDto): void;
  onDismiss(s: SuggestionDto): void;
};

const REASON_LABELS: Record<string, string> = {
  number: "number",
  date: "date",
  statistic: "statistic or comparison",
  attribution: "attribution",
  causal: "causal claim",
  quote: "direct quote",
};

/** Sentences (or the clause within one) worth checking, best first. Choosing one selects its words; "Add claim" then works as usual. */
export default function SuggestedClaims({ suggestions, onSelect, onDismiss }: Props) {
  return (
    // Not a named region: Playwright and screen-reader users find "Claims" by name, and "Suggested claims" would match it too.
    <div className="intel-region" data-testid="suggested-claims">
      <h2>Suggested claims</h2>
      {suggestions.length === 0 ? (
        <p className="muted">No suggestions for this version.</p>
      ) : (
        <ol className="intel-list">
          {suggestions.map((s) => (
            <li key={s.key} data-testid="suggestion" data-covered={s.covered ? "true" : "false"} data-scope={s.scope}>
              <button type="button" className="intel-main" onMouseDown={(e) => e.preventDefault()} onClick={() => onSelect(s)} title="Select these words in the article">
                <span className="intel-quote">{s.text}</span>
                <span className="intel-reasons">
                  {s.reasons.map((r) => (
                    <span key={r} className="intel-reason">{REASON_LABELS[r] ?? r}</span>
                  ))}
                  {s.scope === "clause" && <span className="intel-reason" title="Only this part of the sentence is worth checking">clause</span>}
                  {s.covered && <span className="intel-covered">covered by a claim</span>}
                </span>
              </button>
              <button type="button" className="link-button" onClick={() => onDismiss(s)} aria-label={`Dismiss suggestion: ${s.text.slice(0, 60)}`}>
                Dismiss
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
