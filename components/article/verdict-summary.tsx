import { isLive, verdictCounts, type PublishedClaimView } from "@/lib/publishing/published";
import { VERDICT_ICONS } from "@/lib/verdict-icons";
import { VERDICT_INFO, VERDICTS } from "@/lib/verdicts";

/** "N claims checked", a count per verdict, and the legend of colours, icons and underlines. */
export default function VerdictSummary({ claims }: { claims: PublishedClaimView[] }) {
  const live = claims.filter(isLive);
  const withdrawn = claims.length - live.length;
  const counts = verdictCounts(claims);
  return (
    <section className="verdict-summary" aria-label="Fact-check summary">
      <p className="summary-count" data-testid="claims-checked">
        {live.length === 0 ? "No claims checked yet" : `${live.length} ${live.length === 1 ? "claim" : "claims"} checked`}
        {withdrawn > 0 && `, ${withdrawn} withdrawn`}
      </p>
      {counts.length > 0 && (
        <ul className="summary-counts">
          {counts.map(({ verdict, count }) => (
            <li key={verdict} data-verdict={verdict}>
              <span className={`legend-swatch claim-mark v-${verdict}`} aria-hidden="true">{VERDICT_ICONS[verdict]}</span> {VERDICT_INFO[verdict].label}: {count}
            </li>
          ))}
        </ul>
      )}
      <details className="legend">
        <summary>How to read the highlights</summary>
        <ul>
          {VERDICTS.map((v) => (
            <li key={v}>
              <span className={`legend-swatch claim-mark v-${v}`} aria-hidden="true">{VERDICT_ICONS[v]} sample</span> {VERDICT_INFO[v].label}
            </li>
          ))}
          <li><span className="legend-swatch claim-mark is-withdrawn" aria-hidden="true">⊘ sample</span> Check withdrawn</li>
        </ul>
        <p className="muted">Select a highlight, or press <kbd>n</kbd> and <kbd>p</kbd> to move between them and <kbd>Enter</kbd> to open the evidence.</p>
      </details>
    </section>
  );
}
