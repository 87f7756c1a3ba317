import type { PublishedClaimView } from "@/lib/publishing/published";
import { formatDate } from "@/lib/format";
import { VERDICT_ICONS } from "@/lib/verdict-icons";
import { STANCE_LABELS, VERDICT_INFO } from "@/lib/verdicts";

const date = (iso: string | null) => (iso ? formatDate(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : null);

/** One published check: verdict, explanation, sources, and who checked and approved it. */
export default function Evidence({ claim }: { claim: PublishedClaimView }) {
  const info = VERDICT_INFO[claim.verdict];
  return (
    <div className={`evidence${claim.retraction ? " is-withdrawn" : ""}`}>
      <h3 className="evidence-heading">
        {claim.retraction ? (
          <span className="verdict-badge withdrawn-badge">Check withdrawn</span>
        ) : (
          <span className="verdict-badge" style={{ background: info.color }}>
            <span aria-hidden="true">{VERDICT_ICONS[claim.verdict]} </span>
            {info.label}
          </span>
        )}
        <span className="evidence-quote">“{claim.quote}”</span>
      </h3>
      {claim.changedSince && !claim.retraction && (
        <p className="changed-note" role="note">
          <strong>The article changed here after this check</strong> ({date(claim.changedSince)}); the check was made on the words quoted above and is being re-checked.
        </p>
      )}
      {claim.retraction ? (
        <p>
          This check (rated <s>{info.label}</s>) was withdrawn by {claim.retraction.by} on {date(claim.retraction.at)}. Reason: {claim.retraction.reason}
        </p>
      ) : (
        <>
          {claim.explanation && <p className="evidence-explanation">{claim.explanation}</p>}
          {claim.sources.length > 0 && (
            <ul className="evidence-sources" aria-label="Sources">
              {claim.sources.map((s, i) => (
                <li key={i}>
                  <a href={s.url} rel="noopener noreferrer nofollow" target="_blank">{s.title}</a>
                  <span className="muted">
                    {[s.publisher, date(s.publishedAt)].filter(Boolean).length ? ` — ${[s.publisher, date(s.publishedAt)].filter(Boolean).join(", ")}` : ""}
                  </span>
                  <span className={`stance stance-${s.stance}`}> {STANCE_LABELS[s.stance]}</span>
                  {s.excerpt && <blockquote className="evidence-excerpt">{s.excerpt}</blockquote>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p className="muted evidence-byline">
        Checked by {claim.reviewer}; approved by {claim.approvedBy} on {date(claim.approvedAt)}.
      </p>
    </div>
  );
}
